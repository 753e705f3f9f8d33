package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A target a node's value is judged against: reached ("Đạt") when the value is at least {@code
 * threshold}, otherwise not reached ("Không đạt"). The provincial monitoring sets 80 % of online
 * services with online dossiers, 50 % of dossiers online.
 *
 * @param countedVi what the ratio's numerator counts, in Vietnamese ("hồ sơ", "thủ tục"): the
 *     committee's workbook says how many more of them a unit needs
 */
public record Target(String node, BigDecimal threshold, String countedVi, int line) {
  /** What a target's ratio counts when the file does not say: dossiers. */
  public static final String DEFAULT_COUNTED_VI = "hồ sơ";

  public static final String REACHED_VI = "Đạt";
  public static final String MISSED_VI = "Không đạt";

  public Target {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(countedVi, "countedVi");
  }

  /**
   * How many more of the counted items (dossiers processed online, procedures with an online
   * dossier) a unit at {@code numerator} of {@code denominator} needs to reach the target, the
   * denominator unchanged: the least whole {@code k} with {@code (numerator + k) / denominator >=
   * threshold}; 0 when reached or when there is nothing to count.
   */
  public long shortfall(BigDecimal numerator, BigDecimal denominator) {
    if (denominator.signum() <= 0) {
      return 0;
    }
    BigDecimal missing = threshold.multiply(denominator).subtract(numerator);
    return missing.signum() <= 0
        ? 0
        : missing.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
  }

  /** "Đạt" or "Không đạt" for a value. */
  public String judge(BigDecimal value) {
    return value.compareTo(threshold) >= 0 ? REACHED_VI : MISSED_VI;
  }
}
