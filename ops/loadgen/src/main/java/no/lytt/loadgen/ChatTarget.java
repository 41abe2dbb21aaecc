package no.lytt.loadgen;

import io.vertx.core.Future;

/**
 * Chats the load generator drives, whoever serves them: Lytt (a visitor and a counsellor with real
 * crypto), the bare Vert.x relay or the Socket.IO relay (two plain sockets). Side 0 is the visitor
 * or socket A, side 1 the counsellor or socket B. Arrivals go to the {@link Tracker}.
 */
interface ChatTarget {
  /** Sets up {@code chats} chats; completes when every one can carry messages both ways. */
  Future<Void> open(int chats);

  /** False while this side cannot send (reconnecting): the schedule's send is held back. */
  default boolean canSend(int chat, int side) {
    return true;
  }

  /** Sends {@code payload} from {@code side} of {@code chat}; failures are counted as errors. */
  void send(int chat, int side, String payload);

  /** Stops or restarts reading on side 0 of {@code chat}, as a frozen tab would. */
  void pauseReader(int chat, boolean paused);

  /** WebSocket connections this target holds open now. */
  int connections();

  Future<Void> close();
}
