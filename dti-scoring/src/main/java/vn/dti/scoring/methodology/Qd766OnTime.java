package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The 766 "on-time processing" indicator (TDGQ, group 2 of Decision 766/QĐ-TTg): {@code 20 ×
 * on-time / received} per province and month, published with 2 decimals. The full methodology tree
 * comes as a YAML file with the scoring engine; this is the one indicator the foundation computes,
 * with its definition fixed here.
 */
public final class Qd766OnTime {
  public static final String METHODOLOGY_ID = "qd766";
  public static final String INDICATOR = "TDGQ";
  public static final String NAME_VI = "Tiến độ giải quyết";
  public static final BigDecimal MAX_POINTS = BigDecimal.valueOf(20);

  /** Decimals kept in {@code gold.indicator_value.points}. */
  public static final int STORED_SCALE = 4;

  /** Decimals of the published score, on which ranks are computed. */
  public static final int PUBLISHED_SCALE = 2;

  public static final MethodologyRef REF =
      new MethodologyRef(
          METHODOLOGY_ID,
          String.join(
              "\n",
              "id: qd766",
              "indicator: TDGQ",
              "level: province",
              "period: month",
              "numerator: sum(gold.fct_dossier_daily.on_time_count) by province_code, month",
              "denominator: sum(gold.fct_dossier_daily.received_count) by province_code, month",
              "points: max_points * numerator / denominator, half-up to 4 decimals",
              "max_points: 20",
              "empty_denominator: not ranked",
              "publication: half-up to 2 decimals",
              "ranking: competition (1224) on the published value"));

  private Qd766OnTime() {}

  /** Points for a numerator and a positive denominator, at the stored precision. */
  public static BigDecimal points(long numerator, long denominator) {
    if (denominator <= 0) {
      throw new IllegalArgumentException("denominator must be positive");
    }
    return MAX_POINTS
        .multiply(BigDecimal.valueOf(numerator))
        .divide(BigDecimal.valueOf(denominator), STORED_SCALE, RoundingMode.HALF_UP);
  }

  /**
   * The published value, rounded once from the exact ratio (rounding the stored 4-decimal points
   * again could turn 18.00496 into 18.01).
   */
  public static BigDecimal published(long numerator, long denominator) {
    if (denominator <= 0) {
      throw new IllegalArgumentException("denominator must be positive");
    }
    return MAX_POINTS
        .multiply(BigDecimal.valueOf(numerator))
        .divide(BigDecimal.valueOf(denominator), PUBLISHED_SCALE, RoundingMode.HALF_UP);
  }
}
