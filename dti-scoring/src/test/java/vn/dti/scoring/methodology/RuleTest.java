package vn.dti.scoring.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.methodology.Rule.Direction;
import vn.dti.scoring.methodology.Rule.Population;

class RuleTest {
  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static BigDecimal apply(Rule r, String x) {
    return r.apply(d(x), Population.NONE).stripTrailingZeros();
  }

  @Test
  void ratioIsTheShareClampedAndReversedWhenLowerIsBetter() {
    assertThat(apply(new Rule.Ratio(Direction.HIGHER), "0.73")).isEqualByComparingTo("0.73");
    assertThat(apply(new Rule.Ratio(Direction.HIGHER), "1.2")).isEqualByComparingTo("1");
    assertThat(apply(new Rule.Ratio(Direction.LOWER), "0.2")).isEqualByComparingTo("0.8");
  }

  @Test
  void cappedGivesFullMarksAtTheTarget() {
    Rule half = new Rule.Capped(d("0.5"));
    assertThat(apply(half, "0.4")).isEqualByComparingTo("0.8");
    assertThat(apply(half, "0.5")).isEqualByComparingTo("1");
    assertThat(apply(half, "0.9")).isEqualByComparingTo("1");
    assertThatThrownBy(() -> new Rule.Capped(BigDecimal.ZERO))
        .hasMessage("target must be positive");
  }

  @Test
  void thresholdIsAllOrNothing() {
    assertThat(apply(new Rule.Threshold(d("0.5"), Direction.HIGHER), "0.49"))
        .isEqualByComparingTo("0");
    assertThat(apply(new Rule.Threshold(d("0.5"), Direction.HIGHER), "0.5"))
        .isEqualByComparingTo("1");
    assertThat(apply(new Rule.Threshold(d("3"), Direction.LOWER), "2")).isEqualByComparingTo("1");
    assertThat(apply(new Rule.Threshold(d("3"), Direction.LOWER), "4")).isEqualByComparingTo("0");
  }

  @Test
  void tiersTakeTheFirstStepReached() {
    Rule t =
        new Rule.Tiers(
            List.of(
                new Rule.Tiers.Tier(d("0.9"), d("1")), new Rule.Tiers.Tier(d("0.7"), d("0.5"))));
    assertThat(apply(t, "0.95")).isEqualByComparingTo("1");
    assertThat(apply(t, "0.9")).isEqualByComparingTo("1");
    assertThat(apply(t, "0.8")).isEqualByComparingTo("0.5");
    assertThat(apply(t, "0.6")).isEqualByComparingTo("0");
    assertThatThrownBy(
            () ->
                new Rule.Tiers(
                    List.of(
                        new Rule.Tiers.Tier(d("0.7"), d("0.5")),
                        new Rule.Tiers.Tier(d("0.9"), d("1")))))
        .hasMessageContaining("from the highest 'from' down");
  }

  @Test
  void booleanIsOneForYes() {
    assertThat(apply(new Rule.Bool(), "1")).isEqualByComparingTo("1");
    assertThat(apply(new Rule.Bool(), "0")).isEqualByComparingTo("0");
  }

  @Test
  void goalpostsScaleBetweenFixedBounds() {
    Rule pct = new Rule.Goalposts(d("0"), d("100"), Direction.HIGHER);
    assertThat(apply(pct, "37.5")).isEqualByComparingTo("0.375");
    assertThat(apply(pct, "120")).isEqualByComparingTo("1");
    Rule days = new Rule.Goalposts(d("2"), d("12"), Direction.LOWER);
    assertThat(apply(days, "4.5")).isEqualByComparingTo("0.75"); // (4.5-2)/10 = 0.25, reversed
  }

  @Test
  void minMaxScalesAcrossTheUnitsRanked() {
    Population p = new Population(d("10"), d("30"));
    assertThat(new Rule.MinMax(Direction.HIGHER).apply(d("15"), p)).isEqualByComparingTo("0.25");
    assertThat(new Rule.MinMax(Direction.LOWER).apply(d("15"), p)).isEqualByComparingTo("0.75");
    assertThat(new Rule.MinMax(Direction.HIGHER).apply(d("7"), new Population(d("7"), d("7"))))
        .isEqualByComparingTo("1");
    assertThat(new Rule.MinMax(Direction.HIGHER).acrossUnits()).isTrue();
  }
}
