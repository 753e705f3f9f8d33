package vn.dti.scoring.indicator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.dti.scoring.methodology.MergeRule;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.score.Observation;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Scorer;
import vn.dti.scoring.score.UnitInput;

/**
 * Scores figures group by group with the pure {@link Scorer}: plain records in, score sheets out.
 */
public final class GroupScoring {
  private GroupScoring() {}

  /**
   * Scores every group: its units are the ones with a figure in it. Groups as reported first; then
   * the restated ones, where a new province's measured leaves come from its parts' summed counts
   * (already in the figures) and each self-assessed leaf is the mean of its parts' values as
   * reported (Decision 405/QĐ-BKHCN's rule for merged provinces: a form reports a rate or a yes/no,
   * not counts that could be summed; two parts answering yes and no give half the marks). Under
   * {@link MergeRule#AVERAGE_OF_PARTS} (DTI 2024) a new province takes instead each main index (the
   * root's children) as the mean of its parts' values, and its total and pillars from them. Pure.
   */
  public static Map<ScoreGroup, ScoreSheet> score(
      Methodology m, List<Figure> figures, ScoringUnits units) {
    Map<ScoreGroup, Map<String, Map<String, Observation>>> byGroup = new TreeMap<>();
    for (Figure f : figures) {
      if (!f.scorable()) {
        continue;
      }
      byGroup
          .computeIfAbsent(f.group(), k -> new TreeMap<>())
          .computeIfAbsent(f.unit(), k -> new LinkedHashMap<>())
          .put(
              f.leaf(),
              new Observation(
                  BigDecimal.valueOf(f.numerator()), BigDecimal.valueOf(f.denominator())));
    }
    Map<ScoreGroup, ScoreSheet> out = new TreeMap<>();
    Scorer scorer = new Scorer(m, Scorer.Missing.APPLY_POLICY);
    List<String> inputLeaves =
        InputFigures.inputLeaves(m).values().stream().flatMap(List::stream).toList();
    for (boolean restated : new boolean[] {false, true}) {
      byGroup.forEach(
          (g, byUnit) -> {
            if (g.boundaries().equals(Methodology.RESTATED) != restated) {
              return;
            }
            Optional<ScoreSheet> reported =
                restated
                    ? Optional.ofNullable(
                        out.get(
                            new ScoreGroup(
                                Methodology.AS_REPORTED, g.level(), g.scope(), g.period())))
                    : Optional.empty();
            boolean averageOfParts = restated && m.mergeRule() == MergeRule.AVERAGE_OF_PARTS;
            List<UnitInput> inputs = new ArrayList<>();
            byUnit.forEach(
                (u, obs) ->
                    inputs.add(
                        new UnitInput(
                            u,
                            units.name(u, g.period(), g.boundaries()),
                            averageOfParts ? Map.of() : obs,
                            reported
                                .map(
                                    r ->
                                        partsMean(
                                            r,
                                            u,
                                            averageOfParts ? m.root().children() : inputLeaves,
                                            units))
                                .orElse(Map.of()))));
            out.put(g, scorer.score(inputs));
          });
    }
    return out;
  }

  /** The mean of the parts' values of each node given, over the parts that have one. */
  private static Map<String, BigDecimal> partsMean(
      ScoreSheet reported, String unit, List<String> leaves, ScoringUnits units) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (String leaf : leaves) {
      List<BigDecimal> values = new ArrayList<>();
      for (String part : reported.scores().keySet()) {
        if (units.successor(part).equals(unit)) {
          reported.get(part, leaf).flatMap(s -> s.value()).ifPresent(values::add);
        }
      }
      if (!values.isEmpty()) {
        out.put(
            leaf,
            values.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), vn.dti.scoring.methodology.Rule.MC));
      }
    }
    return out;
  }
}
