package vn.dti.scoring.rank;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Ranks indicator results within each (methodology, period, level, node) on their published score
 * and links each unit to its standing in the previous period. Plain Java.
 */
public final class PeriodRanking {
  private PeriodRanking() {}

  /**
   * @param results the values to rank, any number of periods
   * @param published the published score of a result (the rounding is the methodology's)
   * @param unitName the unit's name for a unit code and period
   */
  public static List<RankingEntry> rank(
      List<IndicatorResult> results,
      Function<IndicatorResult, BigDecimal> published,
      BiFunction<String, String, String> unitName) {
    Map<List<String>, List<IndicatorResult>> groups =
        new TreeMap<>(Comparator.comparing(Object::toString));
    for (IndicatorResult r : results) {
      groups
          .computeIfAbsent(
              List.of(r.methodologyId(), r.nodeCode(), r.unitLevel(), r.period()),
              k -> new ArrayList<>())
          .add(r);
    }
    Map<List<String>, RankingEntry.Previous> standing = new HashMap<>();
    List<RankingEntry> out = new ArrayList<>();
    // Groups are visited in period order within a node, so the previous period is ranked first.
    for (List<IndicatorResult> group : groups.values()) {
      List<CompetitionRanking.Ranked<IndicatorResult>> ranked =
          CompetitionRanking.rank(
              group, published, Comparator.comparing(IndicatorResult::unitCode));
      for (CompetitionRanking.Ranked<IndicatorResult> r : ranked) {
        IndicatorResult x = r.item();
        Optional<RankingEntry.Previous> prev =
            previousPeriod(x.period())
                .map(
                    p ->
                        standing.get(
                            List.of(
                                x.methodologyId(), x.nodeCode(), x.unitLevel(), p, x.unitCode())));
        out.add(
            new RankingEntry(
                x,
                unitName.apply(x.unitCode(), x.period()),
                r.score(),
                r.rank(),
                group.size(),
                prev));
      }
      for (CompetitionRanking.Ranked<IndicatorResult> r : ranked) {
        IndicatorResult x = r.item();
        standing.put(
            List.of(x.methodologyId(), x.nodeCode(), x.unitLevel(), x.period(), x.unitCode()),
            new RankingEntry.Previous(x.period(), r.score(), r.rank()));
      }
    }
    return out;
  }

  /** The period before a monthly period {@code yyyy-MM}; empty for other forms. */
  public static Optional<String> previousPeriod(String period) {
    try {
      return Optional.of(YearMonth.parse(period).minusMonths(1).toString());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
