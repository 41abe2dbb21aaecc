package no.lytt.socket;

import no.lytt.callback.TicketService;
import no.lytt.metrics.LyttMetrics;
import no.lytt.presence.DutyService;
import no.lytt.queue.Dispatcher;
import no.lytt.queue.QueueService;
import no.lytt.queue.WaitEstimator;
import no.lytt.relay.RelayService;
import no.lytt.relay.Side;
import no.lytt.store.Store;
import no.lytt.wrapup.VisitorAnswers;
import no.lytt.transfer.TransferService;

/** What a connection works with, built once in the composition root. */
public record SocketServices(java.time.Clock clock, Store store, QueueService queue, WaitEstimator estimator, RelayService relay,
                      Dispatcher dispatcher, DutyService duty, Clients clients, GraceTimers grace,
                      byte[] organisationKey, LyttMetrics metrics, TicketService tickets,
                      java.time.Duration queueReminder, VisitorAnswers answers, TransferService transfers,
                      OfferTimeouts offerTimeouts) {

  /** Counts an envelope accepted for relay; {@code ct} is base64url, so its length gives the size. */
  void relayed(Side from, String ct) {
    String direction = from == Side.VISITOR ? "to_counsellor" : "to_visitor";
    metrics.envelopes.inc(direction);
    metrics.envelopeBytes.add(direction, ct.length() * 3L / 4);
  }
}
