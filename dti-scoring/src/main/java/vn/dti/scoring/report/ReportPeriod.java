package vn.dti.scoring.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period as the scoring tables name it: a month {@code 2024-06}, a quarter {@code
 * 2024-Q2} or a year {@code 2024}. Knows its kind, its Vietnamese label, its last day and the
 * periods of the same kind before it.
 */
public record ReportPeriod(Kind kind, int year, int index) implements Comparable<ReportPeriod> {
  /** The kind of a period, named as methodology files name it. */
  public enum Kind {
    MONTH("month"),
    QUARTER("quarter"),
    YEAR("year");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The methodology file's word: {@code month}, {@code quarter}, {@code year}. */
    public String id() {
      return id;
    }

    /** The kind a methodology file names. */
    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown period kind " + id);
    }
  }

  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");

  public ReportPeriod {
    int max = kind == Kind.MONTH ? 12 : kind == Kind.QUARTER ? 4 : 1;
    if (index < 1 || index > max || year < 1900 || year > 9999) {
      throw new IllegalArgumentException("not a period: " + kind + " " + year + " " + index);
    }
  }

  /**
   * The period a text names, or empty when it is none of {@code 2024-06}, {@code 2024-Q2}, {@code
   * 2024}.
   */
  public static Optional<ReportPeriod> parse(String text) {
    String t = text.trim();
    Matcher m = MONTH.matcher(t);
    if (m.matches()) {
      int month = Integer.parseInt(m.group(2));
      return month >= 1 && month <= 12
          ? Optional.of(new ReportPeriod(Kind.MONTH, Integer.parseInt(m.group(1)), month))
          : Optional.empty();
    }
    m = QUARTER.matcher(t);
    if (m.matches()) {
      return Optional.of(
          new ReportPeriod(
              Kind.QUARTER, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    m = YEAR.matcher(t);
    if (m.matches()) {
      return Optional.of(new ReportPeriod(Kind.YEAR, Integer.parseInt(m.group(1)), 1));
    }
    return Optional.empty();
  }

  /** The period's name in the scoring tables: {@code 2024-06}, {@code 2024-Q2}, {@code 2024}. */
  public String code() {
    return switch (kind) {
      case MONTH -> String.format("%d-%02d", year, index);
      case QUARTER -> year + "-Q" + index;
      case YEAR -> Integer.toString(year);
    };
  }

  /** The committee's words: {@code tháng 06/2024}, {@code quý II/2024}, {@code năm 2024}. */
  public String labelVi() {
    return switch (kind) {
      case MONTH -> String.format("tháng %02d/%d", index, year);
      case QUARTER -> "quý " + List.of("I", "II", "III", "IV").get(index - 1) + "/" + year;
      case YEAR -> "năm " + year;
    };
  }

  /** The short label of a chart's axis: {@code 06/2024}, {@code Q2/2024}, {@code 2024}. */
  public String shortLabel() {
    return switch (kind) {
      case MONTH -> String.format("%02d/%d", index, year);
      case QUARTER -> "Q" + index + "/" + year;
      case YEAR -> Integer.toString(year);
    };
  }

  /** The period's last day. */
  public LocalDate lastDay() {
    return switch (kind) {
      case MONTH -> YearMonth.of(year, index).atEndOfMonth();
      case QUARTER -> YearMonth.of(year, index * 3).atEndOfMonth();
      case YEAR -> LocalDate.of(year, 12, 31);
    };
  }

  /** The period of the same kind just before. */
  public ReportPeriod previous() {
    return index > 1
        ? new ReportPeriod(kind, year, index - 1)
        : new ReportPeriod(kind, year - 1, kind == Kind.MONTH ? 12 : kind == Kind.QUARTER ? 4 : 1);
  }

  /** The {@code n} periods ending with this one, oldest first. */
  public List<ReportPeriod> lastPeriods(int n) {
    List<ReportPeriod> out = new ArrayList<>();
    ReportPeriod p = this;
    for (int i = 0; i < n; i++) {
      out.add(0, p);
      p = p.previous();
    }
    return List.copyOf(out);
  }

  @Override
  public int compareTo(ReportPeriod o) {
    return lastDay().compareTo(o.lastDay());
  }
}
