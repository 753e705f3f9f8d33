package vn.dti.scoring.methodology;

import java.time.YearMonth;
import java.util.Optional;

/**
 * The months a methodology applies to, as its file declares them ({@code applies: {from: 2024, to:
 * 2024}} or {@code applies: {from: 2022-08}}): a period is scored when it overlaps them, so a
 * quarter or a year that a methodology starts in the middle of is scored by it. Either bound may be
 * open.
 *
 * <pre>
 * applies: {from: 2022-08}      month 2022-07 no, 2022-08 yes; quarter 2022-Q3 yes; year 2022 yes
 * applies: {from: 2024, to: 2024}                   year 2023 no, 2024 yes, 2025 no
 * </pre>
 *
 * @param from the first month, when bounded
 * @param to the last month, when bounded
 */
public record Applies(Optional<YearMonth> from, Optional<YearMonth> to) {
  /** Every period. */
  public static final Applies ALWAYS = new Applies(Optional.empty(), Optional.empty());

  public Applies {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException("applies from " + from.get() + " after " + to.get());
    }
  }

  /**
   * A bound as a file writes it: {@code 2024} (its first or last month, by {@code end}) or {@code
   * 2024-05}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static YearMonth bound(String text, boolean end) {
    if (text.matches("\\d{4}")) {
      return YearMonth.of(Integer.parseInt(text), end ? 12 : 1);
    }
    if (text.matches("\\d{4}-(0[1-9]|1[0-2])")) {
      return YearMonth.parse(text);
    }
    throw new IllegalArgumentException("'" + text + "' is neither a year (2024) nor a month");
  }

  /** Whether the period ({@code 2024}, {@code 2024-Q2} or {@code 2024-05}) overlaps the months. */
  public boolean covers(String period) {
    YearMonth first = Periods.firstMonth(period);
    YearMonth last = Periods.lastMonth(period);
    return from.map(f -> !last.isBefore(f)).orElse(true)
        && to.map(t -> !first.isAfter(t)).orElse(true);
  }

  /** The first period of a kind the months overlap, when they have a start. */
  public Optional<String> firstPeriod(String kind) {
    return from.map(f -> Periods.of(kind, f));
  }

  /** The last period of a kind the months overlap, when they have an end. */
  public Optional<String> lastPeriod(String kind) {
    return to.map(t -> Periods.of(kind, t));
  }

  /** Whether two methodologies' months overlap. */
  public boolean overlaps(Applies other) {
    boolean startsBeforeOtherEnds =
        from.isEmpty() || other.to.isEmpty() || !from.get().isAfter(other.to.get());
    boolean otherStartsBeforeThisEnds =
        other.from.isEmpty() || to.isEmpty() || !other.from.get().isAfter(to.get());
    return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
  }

  /** The months as a reader says them: "2022-08 on", "2024-01 to 2024-12", "always". */
  @Override
  public String toString() {
    if (from.isEmpty() && to.isEmpty()) {
      return "always";
    }
    if (to.isEmpty()) {
      return from.get() + " on";
    }
    if (from.isEmpty()) {
      return "until " + to.get();
    }
    return from.get() + " to " + to.get();
  }
}
