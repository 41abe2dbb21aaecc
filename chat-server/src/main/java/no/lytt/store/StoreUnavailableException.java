package no.lytt.store;

/** The store cannot be reached right now; callers answer "temporarily unavailable". */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
