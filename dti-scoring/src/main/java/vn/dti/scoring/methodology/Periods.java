package vn.dti.scoring.methodology;

import java.time.YearMonth;

/**
 * The periods a methodology is scored by, written as the warehouse writes them: a year {@code
 * 2024}, a quarter {@code 2024-Q2}, a half-year {@code 2024-H1} or a month {@code 2024-05}.
 */
public final class Periods {
  private Periods() {}

  /** The first month of a period. */
  public static YearMonth firstMonth(String period) {
    return YearMonth.of(year(period), kindStart(period));
  }

  /** The last month of a period. */
  public static YearMonth lastMonth(String period) {
    int start = kindStart(period);
    int months =
        switch (kind(period)) {
          case "year" -> 12;
          case "half" -> 6;
          case "quarter" -> 3;
          default -> 1;
        };
    return YearMonth.of(year(period), start).plusMonths(months - 1L);
  }

  /**
   * The period of a kind ({@code year}, {@code half}, {@code quarter}, {@code month}) holding a
   * month.
   */
  public static String of(String kind, YearMonth month) {
    int y = month.getYear();
    int m = month.getMonthValue();
    return switch (kind) {
      case "year" -> String.valueOf(y);
      case "half" -> y + "-H" + (m <= 6 ? 1 : 2);
      case "quarter" -> y + "-Q" + ((m + 2) / 3);
      case "month" -> month.toString();
      default -> throw new IllegalArgumentException("unknown period kind " + kind);
    };
  }

  /** The period of the same kind just before: {@code 2024-Q1} → {@code 2023-Q4}. */
  public static String previous(String period) {
    String kind = kind(period);
    YearMonth first = firstMonth(period);
    return of(
        kind,
        switch (kind) {
          case "year" -> first.minusYears(1);
          case "half" -> first.minusMonths(6);
          case "quarter" -> first.minusMonths(3);
          default -> first.minusMonths(1);
        });
  }

  /**
   * The kind of a period: {@code year}, {@code half}, {@code quarter} or {@code month}.
   *
   * @throws IllegalArgumentException for a text that names no period
   */
  public static String kind(String period) {
    if (period.matches("\\d{4}")) {
      return "year";
    }
    if (period.matches("\\d{4}-H[12]")) {
      return "half";
    }
    if (period.matches("\\d{4}-Q[1-4]")) {
      return "quarter";
    }
    if (period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
      return "month";
    }
    throw new IllegalArgumentException(
        "'" + period + "' is not a period (2024, 2024-H1, 2024-Q2 or 2024-05)");
  }

  private static int year(String period) {
    return Integer.parseInt(period.substring(0, 4));
  }

  private static int kindStart(String period) {
    return switch (kind(period)) {
      case "year" -> 1;
      case "half" -> period.charAt(6) == '1' ? 1 : 7;
      case "quarter" -> (period.charAt(6) - '1') * 3 + 1;
      default -> Integer.parseInt(period.substring(5, 7));
    };
  }
}
