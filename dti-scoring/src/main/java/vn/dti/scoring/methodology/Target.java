package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A target a node's value is judged against: reached ("Đạt") when the value is at least {@code
 * threshold}, otherwise not reached ("Không đạt"). The provincial monitoring sets 80 % of online
 * services with online dossiers, 50 % of dossiers online.
 */
public record Target(String node, BigDecimal threshold, int line) {
  public static final String REACHED_VI = "Đạt";
  public static final String MISSED_VI = "Không đạt";

  public Target {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(threshold, "threshold");
  }

  /** "Đạt" or "Không đạt" for a value. */
  public String judge(BigDecimal value) {
    return value.compareTo(threshold) >= 0 ? REACHED_VI : MISSED_VI;
  }
}
