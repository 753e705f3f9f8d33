package vn.dti.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dti.scoring.testing.Fixtures.SMALL;
import static vn.dti.scoring.testing.Fixtures.obs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Scorer;
import vn.dti.scoring.score.UnitInput;

class ScoreChangeTest {
  private static ScoreSheet score(UnitInput... units) {
    return new Scorer(SMALL, Scorer.Missing.APPLY_POLICY).score(List.of(units));
  }

  /**
   * May: A 3/4, B 1/2, C 1/4 → 3 + 2 + 0.5 = 5.5. June: A has no dossier (not applicable), B 9/10,
   * C 1/1 → 3.6 + 2 = 5.6 of the 6 applicable points, rescaled to 10: 9.3333. Attributable in June:
   * B 3.6 × 10/6 = 6, C 2 × 10/6 = 3.3333. Contributions: A −3, B +4, C +2.8333 = +3.8333.
   */
  @Test
  void contributionsAddUpExactlyToTheChangeEvenWhenANodeStopsApplying() {
    ScoreSheet may =
        score(
            new UnitInput(
                "U1", "Sở 1", Map.of("A", obs(3, 4), "B", obs(1, 2), "C", obs(1, 4)), Map.of()));
    ScoreSheet june =
        score(
            new UnitInput(
                "U1", "Sở 1", Map.of("A", obs(0, 0), "B", obs(9, 10), "C", obs(1, 1)), Map.of()));
    UnitChange c = ScoreChange.between(may, june, 2).get(0);
    assertThat(c.previousTotal()).isEqualByComparingTo("5.50");
    assertThat(c.currentTotal()).isEqualByComparingTo("9.33");
    assertThat(c.change()).isEqualByComparingTo("3.83");
    assertThat(c.contributions())
        .extracting(x -> x.code() + " " + x.previous() + " " + x.current() + " " + x.change())
        .containsExactly("A 3.00 0.00 -3.00", "B 2.00 6.00 4.00", "C 0.50 3.33 2.83");
    assertThat(
            c.contributions().stream()
                .map(Contribution::change)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(c.change());
    assertThat(c.topGains(1)).extracting(Contribution::code).containsExactly("B");
    assertThat(c.topLosses(5)).extracting(Contribution::code).containsExactly("A");
  }

  @Test
  void roundingKeepsTheSumByGivingTheMissingCentsToTheLargestRemainders() {
    BigDecimal third =
        BigDecimal.ONE.divide(BigDecimal.valueOf(3), java.math.MathContext.DECIMAL128);
    List<BigDecimal> r =
        ScoreChange.largestRemainder(List.of(third, third, third), new BigDecimal("1.00"), 2);
    assertThat(r)
        .containsExactly(new BigDecimal("0.34"), new BigDecimal("0.33"), new BigDecimal("0.33"));
    List<BigDecimal> mixed =
        ScoreChange.largestRemainder(
            List.of(new BigDecimal("-1.005"), new BigDecimal("2.004"), new BigDecimal("0.0049")),
            new BigDecimal("1.00"),
            2);
    assertThat(mixed.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("1.00");
  }
}
