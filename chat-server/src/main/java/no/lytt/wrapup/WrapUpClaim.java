package no.lytt.wrapup;

/** What the store says when a counsellor saves the wrap-up of an ended chat. */
public enum WrapUpClaim {
  /** The chat ended, was this counsellor's, and had no wrap-up yet: it has one now. */
  CLAIMED,
  /** No ended chat by this id is remembered (never existed, or longer ago than the memory lasts). */
  UNKNOWN,
  /** Another counsellor had the chat. */
  NOT_OWNER,
  /** The wrap-up was saved before. */
  ALREADY_SAVED
}
