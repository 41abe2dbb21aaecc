package no.lytt.socket;

import io.vertx.core.Future;
import no.lytt.relay.Notifier;

/**
 * The connected visitors and counsellors as the services see them: attached on this node, found on
 * any node. {@link LocalClients} is the whole story on one node; with Redis, a cluster
 * implementation records where each one is and carries frames and signals to the other nodes.
 */
public interface Clients extends Notifier {

  /**
   * The visitor's live connection is now {@code c}; an older one anywhere is closed (4000).
   * Completes once every node can find it there: a frame routed after that reaches {@code c}.
   * Fails when that could not be recorded; {@code c} is then attached on this node only.
   */
  Future<Void> attachVisitor(String visitorId, Connection c);

  /** Detaches only if {@code c} is still the visitor's connection (not already replaced). */
  boolean detachVisitor(String visitorId, Connection c);

  /** Whether the visitor has a live connection on any node. */
  Future<Boolean> visitorPresent(String visitorId);

  /** As {@link #attachVisitor}, for a counsellor's console. */
  Future<Void> attachCounsellor(String username, Connection c);

  boolean detachCounsellor(String username, Connection c);

  Future<Boolean> counsellorPresent(String username);

  /** Closes a counsellor's console wherever it is, e.g. at logout. */
  void closeCounsellor(String username, short code, String reason);

  /** The queue changed: every node tells its own visitors and counsellors. */
  void queueChanged();

  /**
   * The queue changed in a store step that told the other nodes itself (a join, see
   * {@code Store.enqueue}): only this node's visitors and counsellors are left to tell.
   */
  void queueChangedHere();

  /**
   * Callbacks or tickets changed: every console, on every node, is told to fetch its list again
   * (the frame carries nothing, so nothing sealed travels this way).
   */
  void itemsChanged();

  void visitorConnected(Connection c);

  void visitorDisconnected(Connection c);
}
