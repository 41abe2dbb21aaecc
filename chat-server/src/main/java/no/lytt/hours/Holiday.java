package no.lytt.hours;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * The Norwegian public holidays (helligdager and the two høytidsdager), each either on a fixed
 * date or a fixed number of days from Easter Sunday. Sundays that are holidays anyway (Easter and
 * Whit Sunday) are listed so a visitor is told why the line is closed.
 */
public enum Holiday {
  NEW_YEARS_DAY("Første nyttårsdag", "New Year's Day", MonthDay.of(1, 1)),
  MAUNDY_THURSDAY("Skjærtorsdag", "Maundy Thursday", -3),
  GOOD_FRIDAY("Langfredag", "Good Friday", -2),
  EASTER_SUNDAY("Første påskedag", "Easter Sunday", 0),
  EASTER_MONDAY("Andre påskedag", "Easter Monday", 1),
  LABOUR_DAY("Arbeidernes dag", "Labour Day", MonthDay.of(5, 1)),
  CONSTITUTION_DAY("Grunnlovsdagen", "Constitution Day", MonthDay.of(5, 17)),
  ASCENSION_DAY("Kristi himmelfartsdag", "Ascension Day", 39),
  WHIT_SUNDAY("Første pinsedag", "Whit Sunday", 49),
  WHIT_MONDAY("Andre pinsedag", "Whit Monday", 50),
  CHRISTMAS_DAY("Første juledag", "Christmas Day", MonthDay.of(12, 25)),
  BOXING_DAY("Andre juledag", "Boxing Day", MonthDay.of(12, 26));

  private final String norwegianName;
  private final String englishName;
  private final MonthDay fixed;
  private final int daysFromEaster;

  Holiday(String norwegianName, String englishName, MonthDay fixed) {
    this.norwegianName = norwegianName;
    this.englishName = englishName;
    this.fixed = fixed;
    this.daysFromEaster = 0;
  }

  Holiday(String norwegianName, String englishName, int daysFromEaster) {
    this.norwegianName = norwegianName;
    this.englishName = englishName;
    this.fixed = null;
    this.daysFromEaster = daysFromEaster;
  }

  /** The name shown to visitors, who read Norwegian. */
  public String norwegianName() {
    return norwegianName;
  }

  public String englishName() {
    return englishName;
  }

  /** The date in that year, given the year's Easter Sunday so it is computed only once per year. */
  LocalDate dateIn(int year, LocalDate easterSunday) {
    return fixed != null ? fixed.atYear(year) : easterSunday.plusDays(daysFromEaster);
  }
}
