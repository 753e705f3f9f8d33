package vn.dti.sample.gen;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;

/** Working rhythm: weekdays, public holidays and the Tết dip, as factors on the daily volume. */
final class Calendar {
  /** First day of the lunar new year. */
  private static final Map<Integer, LocalDate> TET =
      Map.of(
          2022,
          LocalDate.of(2022, 2, 1),
          2023,
          LocalDate.of(2023, 1, 22),
          2024,
          LocalDate.of(2024, 2, 10),
          2025,
          LocalDate.of(2025, 1, 29),
          2026,
          LocalDate.of(2026, 2, 17),
          2027,
          LocalDate.of(2027, 2, 6),
          2028,
          LocalDate.of(2028, 1, 26));

  private static final java.util.Set<MonthDay> HOLIDAYS =
      java.util.Set.of(
          MonthDay.of(1, 1),
          MonthDay.of(4, 30),
          MonthDay.of(5, 1),
          MonthDay.of(9, 2),
          MonthDay.of(9, 3));

  private Calendar() {}

  /** The day's volume relative to an ordinary Wednesday. */
  static double factor(LocalDate d) {
    double f =
        switch (d.getDayOfWeek()) {
          case MONDAY -> 1.10;
          case TUESDAY -> 1.05;
          case WEDNESDAY, THURSDAY -> 1.0;
          case FRIDAY -> 0.95;
          case SATURDAY -> 0.22;
          case SUNDAY -> 0.03;
        };
    if (HOLIDAYS.contains(MonthDay.from(d))) {
      return 0.03;
    }
    LocalDate tet = TET.get(d.getYear() + (d.getMonthValue() >= 11 ? 1 : 0));
    if (tet != null) {
      long k = d.toEpochDay() - tet.toEpochDay();
      if (k >= -2 && k <= 4) {
        return 0.02;
      }
      if (k >= -9 && k < -2) {
        f *= 0.85;
      } else if (k > 4 && k <= 12) {
        f *= 0.65;
      }
    }
    return f;
  }

  /** Whether the one-stop offices work that day (results are not returned on days off). */
  static boolean workday(LocalDate d) {
    return d.getDayOfWeek() != DayOfWeek.SUNDAY && factor(d) > 0.1;
  }

  /** The first working day on or after {@code d}. */
  static LocalDate nextWorkday(LocalDate d) {
    LocalDate x = d;
    while (!workday(x)) {
      x = x.plusDays(1);
    }
    return x;
  }
}
