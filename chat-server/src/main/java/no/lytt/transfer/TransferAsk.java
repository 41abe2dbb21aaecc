package no.lytt.transfer;

/** The outcome of asking to hand a chat to a colleague (recorded in the store until answered). */
public enum TransferAsk {
  ASKED,
  /** No such chat, or not the asking counsellor's. */
  NOT_FOUND,
  /** The chat is offered, not yet open: nothing to hand over. */
  NOT_OPEN,
  /** A hand-over of this chat is already waiting for an answer. */
  ALREADY_ASKED
}
