package vn.dti.scoring.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrendTest {
  private static Optional<String> t(String previous, String current) {
    return Trend.label(
        Optional.ofNullable(previous).map(BigDecimal::new),
        Optional.ofNullable(current).map(BigDecimal::new));
  }

  /** The forms of seeds/001: "Tăng 7,7%", "Giảm 28,6%", "Tăng 0,01%", "Bằng". */
  @Test
  void changesAreWrittenAsTheCommitteeWritesThem() {
    assertThat(t("0.923", "1")).contains("Tăng 7,7%");
    assertThat(t("0.5", "0.214")).contains("Giảm 28,6%");
    assertThat(t("0.9889", "0.989")).contains("Tăng 0,01%");
    assertThat(t("0.85", "0.85")).contains("Bằng");
    // Below half a hundredth of a point both sides round to the same percent.
    assertThat(t("0.85001", "0.85004")).contains("Bằng");
    assertThat(t("0.2", "0.45")).contains("Tăng 25%");
    assertThat(t(null, "0.5")).isEmpty();
    assertThat(t("0.5", null)).isEmpty();
  }
}
