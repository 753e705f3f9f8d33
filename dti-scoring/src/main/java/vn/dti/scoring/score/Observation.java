package vn.dti.scoring.score;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A leaf's figure for one unit: a measured {@code numerator / denominator}, or a self-assessed
 * value (denominator 1).
 */
public record Observation(BigDecimal numerator, BigDecimal denominator) {
  public Observation {
    Objects.requireNonNull(numerator, "numerator");
    Objects.requireNonNull(denominator, "denominator");
  }

  /** A reported value. */
  public static Observation value(BigDecimal v) {
    return new Observation(v, BigDecimal.ONE);
  }

  /** Whether there is nothing to divide by (no dossier received, say). */
  public boolean isEmpty() {
    return denominator.signum() == 0;
  }

  /** numerator / denominator. */
  public BigDecimal ratio() {
    return numerator.divide(denominator, vn.dti.scoring.methodology.Rule.MC);
  }
}
