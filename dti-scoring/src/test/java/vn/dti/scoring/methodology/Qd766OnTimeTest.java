package vn.dti.scoring.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class Qd766OnTimeTest {
  @Test
  void pointsAreTwentyTimesTheOnTimeShare() {
    assertThat(Qd766OnTime.points(285, 300)).isEqualByComparingTo("19.0000");
    assertThat(Qd766OnTime.points(156, 200)).isEqualByComparingTo("15.6000");
    assertThat(Qd766OnTime.points(1, 3)).isEqualByComparingTo("6.6667");
  }

  @Test
  void publishedValueIsRoundedOnceFromTheExactRatio() {
    // 20 × 112531 / 125000 = 18.00496 exactly: 18.0050 stored, but 18.00 published (not 18.01).
    assertThat(Qd766OnTime.points(112531, 125000)).isEqualByComparingTo("18.0050");
    assertThat(Qd766OnTime.published(112531, 125000)).isEqualTo(new BigDecimal("18.00"));
    // 20 × 226 / 251 = 18.00796...: half-up gives 18.01.
    assertThat(Qd766OnTime.published(226, 251)).isEqualTo(new BigDecimal("18.01"));
  }

  @Test
  void anEmptyDenominatorIsNotScored() {
    assertThatThrownBy(() -> Qd766OnTime.published(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefinitionHashIsStable() {
    assertThat(Qd766OnTime.REF.hash())
        .hasSize(64)
        .isEqualTo(new MethodologyRef("qd766", Qd766OnTime.REF.definition()).hash());
    assertThat(new MethodologyRef("qd766", Qd766OnTime.REF.definition() + " ").hash())
        .isNotEqualTo(Qd766OnTime.REF.hash());
  }
}
