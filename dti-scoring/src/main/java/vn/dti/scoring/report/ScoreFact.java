package vn.dti.scoring.report;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code gold.score} as a workbook uses it: a unit's figure on one node in one period.
 *
 * @param value share of the node's maximum, 0..1
 * @param published the figure ranked on, rounded as the methodology publishes
 */
public record ScoreFact(
    String period,
    String level,
    String unitCode,
    String unitName,
    String nodeCode,
    String nodeNameVi,
    Optional<Double> numerator,
    Optional<Double> denominator,
    Optional<Double> value,
    Optional<BigDecimal> points,
    BigDecimal maxPoints,
    Optional<BigDecimal> published,
    Optional<Integer> rank,
    String basis,
    Optional<String> targetStatus,
    Optional<String> trend) {
  public ScoreFact {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(unitName, "unitName");
    Objects.requireNonNull(nodeCode, "nodeCode");
    Objects.requireNonNull(nodeNameVi, "nodeNameVi");
    Objects.requireNonNull(maxPoints, "maxPoints");
    Objects.requireNonNull(basis, "basis");
  }
}
