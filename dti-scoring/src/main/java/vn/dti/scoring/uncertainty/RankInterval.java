package vn.dti.scoring.uncertainty;

import java.util.Objects;

/**
 * One unit's rank under perturbed weights.
 *
 * @param rank the published rank (unperturbed)
 * @param medianRank the median over the draws
 * @param p05 the 5th percentile: the best rank it reaches in 95 % of draws
 * @param p95 the 95th percentile
 */
public record RankInterval(String unitCode, int rank, double medianRank, int p05, int p95) {
  public RankInterval {
    Objects.requireNonNull(unitCode, "unitCode");
    if (p05 > p95) {
      throw new IllegalArgumentException("p05 must not exceed p95");
    }
  }
}
