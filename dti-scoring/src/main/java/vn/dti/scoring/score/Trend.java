package vn.dti.scoring.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A rate's change against the previous report as the committee writes it: {@code Tăng 7,7%}, {@code
 * Giảm 28,6%} or {@code Bằng}. The change is in percentage points of the value (a share of the
 * node's maximum, so for a ratio leaf the rate itself), compared on two decimals of a percent:
 * 0.8500 then 0.8513 is {@code Tăng 0,13%}; a change below 0.005 points is {@code Bằng}.
 */
public final class Trend {
  private Trend() {}

  /** The label, or empty when either value is missing. */
  public static Optional<String> label(
      Optional<BigDecimal> previous, Optional<BigDecimal> current) {
    if (previous.isEmpty() || current.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal change =
        percent(current.get()).subtract(percent(previous.get())).setScale(2, RoundingMode.HALF_UP);
    if (change.signum() == 0) {
      return Optional.of("Bằng");
    }
    String amount = change.abs().stripTrailingZeros().toPlainString().replace('.', ',');
    return Optional.of((change.signum() > 0 ? "Tăng " : "Giảm ") + amount + "%");
  }

  private static BigDecimal percent(BigDecimal share) {
    return share.movePointRight(2).setScale(2, RoundingMode.HALF_UP);
  }
}
