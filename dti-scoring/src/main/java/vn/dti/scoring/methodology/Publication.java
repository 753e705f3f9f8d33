package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a methodology publishes and ranks on: each node's value (a share, the DTI's 0.6543) or its
 * points (the 766's 87.25), rounded half-up to {@code decimals}. Ranks are competition ranks on the
 * published number, so two units that look equal in the table share a rank.
 */
public record Publication(Figure figure, int decimals) {
  /** Which figure of a node is published. */
  public enum Figure {
    VALUE,
    POINTS
  }

  public Publication {
    Objects.requireNonNull(figure, "figure");
    if (decimals < 0 || decimals > 8) {
      throw new IllegalArgumentException("decimals must be 0..8");
    }
  }

  /** The published number for a node's value and points. */
  public BigDecimal publish(BigDecimal value, BigDecimal points) {
    return (figure == Figure.VALUE ? value : points).setScale(decimals, RoundingMode.HALF_UP);
  }
}
