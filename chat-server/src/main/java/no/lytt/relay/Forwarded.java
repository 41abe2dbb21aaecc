package no.lytt.relay;

/**
 * The answer to a write that was given a {@link Forward}: the write's own result, and whether the
 * frame went on with it. When it did not (the client moved, left, or the store cannot forward),
 * the caller delivers the frame itself.
 */
public record Forwarded<T>(T result, boolean forwarded) {
  /** A write done without forwarding anything. */
  public static <T> Forwarded<T> notForwarded(T result) {
    return new Forwarded<>(result, false);
  }
}
