package no.lytt.socket;

import no.lytt.callback.TicketService;
import no.lytt.presence.DutyService;
import no.lytt.queue.Dispatcher;
import no.lytt.queue.QueueService;
import no.lytt.queue.WaitEstimator;
import no.lytt.relay.RelayService;
import no.lytt.store.Store;

/** What a connection works with, built once in the composition root. */
public record SocketServices(java.time.Clock clock, Store store, QueueService queue, WaitEstimator estimator, RelayService relay,
                      Dispatcher dispatcher, DutyService duty, Clients clients, GraceTimers grace,
                      byte[] organisationKey, TicketService tickets) {
}
