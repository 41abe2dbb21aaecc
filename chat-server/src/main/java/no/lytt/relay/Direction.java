package no.lytt.relay;

/** The two directions of a chat; the numbers are part of the nonce and AAD (docs/crypto.md). */
public enum Direction {
  TO_COUNSELLOR(1), TO_VISITOR(2);

  private final int wire;

  Direction(int wire) {
    this.wire = wire;
  }

  public int wire() {
    return wire;
  }

  /** The direction a side sends in. */
  public static Direction sentBy(Side side) {
    return side == Side.VISITOR ? TO_COUNSELLOR : TO_VISITOR;
  }

  /** The direction a side receives in. */
  public static Direction receivedBy(Side side) {
    return side == Side.VISITOR ? TO_VISITOR : TO_COUNSELLOR;
  }
}
