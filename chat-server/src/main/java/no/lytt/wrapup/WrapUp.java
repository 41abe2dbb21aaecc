package no.lytt.wrapup;

/**
 * One wrap-up as a counsellor chose it: ids and fixed levels only, never free text.
 *
 * @param referral a referral directory id, or {@code none}
 * @param source   a "how did you find us?" source id, or {@code unknown}
 */
public record WrapUp(String chatId, String category, Plissit plissit, String referral, String source) {
  public static final String NO_REFERRAL = "none";
  public static final String UNKNOWN_SOURCE = "unknown";
}
