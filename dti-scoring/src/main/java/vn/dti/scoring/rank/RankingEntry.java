package vn.dti.scoring.rank;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code gold.ranking}.
 *
 * @param score the published score (2 decimals) the rank is computed on
 * @param previous the same unit in the previous period, when it was ranked then
 */
public record RankingEntry(
    IndicatorResult result,
    String unitName,
    BigDecimal score,
    int rank,
    int unitsRanked,
    Optional<Previous> previous) {

  /** The unit's standing in the previous period. */
  public record Previous(String period, BigDecimal score, int rank) {}

  public RankingEntry {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(unitName, "unitName");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(previous, "previous");
  }

  /** Places moved up since the previous period (negative: moved down). */
  public Optional<Integer> rankChange() {
    return previous.map(p -> p.rank() - rank);
  }
}
