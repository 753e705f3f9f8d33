package vn.dti.scoring.report;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** One row of {@code gold.ranking}: a ranked unit on one node, with its previous rank. */
public record RankFact(
    String level,
    String unitCode,
    String nodeCode,
    BigDecimal score,
    int rank,
    int unitsRanked,
    Optional<String> previousPeriod,
    Optional<Integer> previousRank) {
  public RankFact {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(nodeCode, "nodeCode");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(previousPeriod, "previousPeriod");
    Objects.requireNonNull(previousRank, "previousRank");
  }

  /**
   * The change of rank in the committee's words: {@code Tăng 3 bậc}, {@code Giảm 1 bậc}, {@code Giữ
   * nguyên}, or {@code Chưa có kỳ trước} when the unit was not ranked in the previous period.
   */
  public String changeVi() {
    if (previousRank.isEmpty()) {
      return "Chưa có kỳ trước";
    }
    int up = previousRank.get() - rank;
    return up > 0 ? "Tăng " + up + " bậc" : up < 0 ? "Giảm " + (-up) + " bậc" : "Giữ nguyên";
  }
}
