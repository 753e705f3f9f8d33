package vn.dti.scoring.report;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One row of {@code gold.score_change}: a node's part of the change of a unit's total points since
 * the previous period. A unit's contributions add up exactly to its {@code totalChange}.
 */
public record ChangeFact(
    String level,
    String unitCode,
    String previousPeriod,
    String nodeCode,
    BigDecimal previousPoints,
    BigDecimal currentPoints,
    BigDecimal contribution,
    BigDecimal totalChange) {
  public ChangeFact {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(previousPeriod, "previousPeriod");
    Objects.requireNonNull(nodeCode, "nodeCode");
    Objects.requireNonNull(previousPoints, "previousPoints");
    Objects.requireNonNull(currentPoints, "currentPoints");
    Objects.requireNonNull(contribution, "contribution");
    Objects.requireNonNull(totalChange, "totalChange");
  }
}
