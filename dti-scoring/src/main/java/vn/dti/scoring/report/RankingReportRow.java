package vn.dti.scoring.report;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a ranking report: a unit's rank, score, counts and change against the previous
 * period.
 */
public record RankingReportRow(
    String period,
    int rank,
    int unitsRanked,
    String unitCode,
    String unitName,
    long received,
    long onTime,
    BigDecimal score,
    Optional<Integer> previousRank,
    Optional<BigDecimal> previousScore) {
  public RankingReportRow {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(unitName, "unitName");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(previousRank, "previousRank");
    Objects.requireNonNull(previousScore, "previousScore");
  }

  /**
   * The change of rank in the committee's words: "Tăng 2 bậc", "Giảm 1 bậc", "Giữ nguyên", or "Chưa
   * có kỳ trước" when the unit was not ranked in the previous period.
   */
  public String rankChangeVi() {
    if (previousRank.isEmpty()) {
      return "Chưa có kỳ trước";
    }
    int up = previousRank.get() - rank;
    return up > 0 ? "Tăng " + up + " bậc" : up < 0 ? "Giảm " + (-up) + " bậc" : "Giữ nguyên";
  }
}
