package vn.dti.scoring.report;

import java.util.Objects;

/** One row of {@code gold.rank_uncertainty}: where a unit's total ranks under perturbed weights. */
public record IntervalFact(String level, String unitCode, int p05, int p95, double median) {
  public IntervalFact {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(unitCode, "unitCode");
  }

  /** {@code 3–7}, or the rank alone when the interval is one rank. */
  public String label() {
    return p05 == p95 ? Integer.toString(p05) : p05 + "–" + p95;
  }
}
