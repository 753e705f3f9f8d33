package vn.dti.scoring.rank;

import java.util.Objects;

/** One unit's indicator value in one period, as ranking needs it. */
public record IndicatorResult(
    String methodologyId,
    String methodologyHash,
    String period,
    String unitLevel,
    String unitCode,
    String nodeCode,
    long numerator,
    long denominator) {
  public IndicatorResult {
    Objects.requireNonNull(methodologyId, "methodologyId");
    Objects.requireNonNull(methodologyHash, "methodologyHash");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(unitLevel, "unitLevel");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(nodeCode, "nodeCode");
    if (denominator <= 0) {
      throw new IllegalArgumentException(
          "a ranked value needs a positive denominator: " + unitCode + " " + period);
    }
  }
}
