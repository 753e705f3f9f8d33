package vn.dti.scoring.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.dti.scoring.testing.Fixtures.DTI;
import static vn.dti.scoring.testing.Fixtures.mainIndices;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Scorer;

class MonteCarloRankingTest {
  private static final ScoreSheet SHEET =
      new Scorer(DTI, Scorer.Missing.ABSENT)
          .score(
              List.of(
                  mainIndices("A", "0.8", "0.7", "0.9", "0.6", "0.5", "0.4", "0.75", "0.6", "0.5"),
                  mainIndices(
                      "B", "0.7", "0.8", "0.9", "0.5", "0.6", "0.9", "0.7", "0.7", "0.5333"),
                  mainIndices("C", "0.9", "0.9", "0.9", "0.9", "0.9", "0", "0.5", "0.5", "0.2667"),
                  mainIndices("D", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5"),
                  mainIndices("E", "1", "1", "1", "1", "1", "1", "1", "1", "1")));
  private static final List<String> UNITS = List.of("A", "B", "C", "D", "E");

  private static int[] published() {
    return UNITS.stream()
        .mapToInt(u -> SHEET.get(u, "DTI").orElseThrow().rank().orElseThrow())
        .toArray();
  }

  @Test
  void theUnperturbedWeightsReproduceTheScoredRootValue() {
    MonteCarloRanking mc = new MonteCarloRanking(DTI);
    double[][] given = mc.givenValues(SHEET);
    double[] scratch = new double[DTI.nodes().size()];
    for (int u = 0; u < UNITS.size(); u++) {
      double expected =
          SHEET.get(UNITS.get(u), "DTI").orElseThrow().value().orElseThrow().doubleValue();
      assertThat(mc.root(given[u], mc.maxima(), scratch)).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void withoutPerturbationEveryDrawGivesThePublishedRanksTiesIncluded() {
    MonteCarloRanking mc = new MonteCarloRanking(DTI);
    List<RankInterval> r =
        mc.run(UNITS, mc.givenValues(SHEET), published(), new Perturbation(50, 1, 0));
    // E 1.0 first, B 0.6750, then A and C tied at 0.6650, D 0.5000.
    assertThat(r)
        .extracting(
            i ->
                i.unitCode()
                    + " "
                    + i.rank()
                    + " "
                    + i.medianRank()
                    + " "
                    + i.p05()
                    + "-"
                    + i.p95())
        .containsExactly("A 3 3.0 3-3", "B 2 2.0 2-2", "C 3 3.0 3-3", "D 5 5.0 5-5", "E 1 1.0 1-1");
  }

  @Test
  void perturbedWeightsWidenTheCloseCallsOnlyAndTheSameSeedGivesTheSameIntervals() {
    MonteCarloRanking mc = new MonteCarloRanking(DTI);
    double[][] given = mc.givenValues(SHEET);
    List<RankInterval> r = mc.run(UNITS, given, published(), Perturbation.standard(42));
    // E (perfect everywhere) and D (0.5 everywhere) cannot move: any weighting of equal values
    // gives the same value.
    assertThat(r.get(4)).extracting(RankInterval::p05, RankInterval::p95).containsExactly(1, 1);
    assertThat(r.get(3)).extracting(RankInterval::p05, RankInterval::p95).containsExactly(5, 5);
    // A, B, C are within a point of each other: weights decide their order.
    assertThat(r.get(2).p05()).isLessThan(r.get(2).p95());
    assertThat(r.subList(0, 3)).allSatisfy(i -> assertThat(i.p05()).isGreaterThanOrEqualTo(2));
    assertThat(r.subList(0, 3)).allSatisfy(i -> assertThat(i.p95()).isLessThanOrEqualTo(4));
    assertThat(mc.run(UNITS, given, published(), Perturbation.standard(42))).isEqualTo(r);
  }
}
