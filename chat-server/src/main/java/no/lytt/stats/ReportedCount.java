package no.lytt.stats;

/**
 * A count as it may leave the server. Counts from one to four are replaced by "fewer than five":
 * in a service this small, "one contact about X in March" can point at a person whom someone
 * already suspects. Zero stays zero, since it reveals nobody.
 *
 * @param exact the count, or null when it is only known to be below {@link #THRESHOLD}
 */
public record ReportedCount(Long exact) {
  public static final int THRESHOLD = 5;
  public static final String SUPPRESSED = "<" + THRESHOLD;

  public static ReportedCount of(long count) {
    return count > 0 && count < THRESHOLD ? new ReportedCount(null) : new ReportedCount(count);
  }

  public boolean suppressed() {
    return exact == null;
  }

  /** A number, or the text "<5". */
  public Object wire() {
    return suppressed() ? SUPPRESSED : exact;
  }

  public String text() {
    return suppressed() ? SUPPRESSED : Long.toString(exact);
  }
}
