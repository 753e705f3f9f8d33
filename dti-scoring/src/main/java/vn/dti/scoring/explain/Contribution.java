package vn.dti.scoring.explain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The part of a unit's change of total points owed to one node.
 *
 * @param previous the total points attributable to the node in the previous period (0 if it did not
 *     count then)
 * @param current the same now
 * @param change {@code current - previous}, rounded so that a unit's changes add up exactly to its
 *     rounded total change
 */
public record Contribution(
    String code, BigDecimal previous, BigDecimal current, BigDecimal change) {
  public Contribution {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(change, "change");
  }
}
