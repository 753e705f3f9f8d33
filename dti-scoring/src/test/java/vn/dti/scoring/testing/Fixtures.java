package vn.dti.scoring.testing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.score.Observation;
import vn.dti.scoring.score.UnitInput;

/** Methodologies and units the scoring tests share. */
public final class Fixtures {
  private Fixtures() {}

  public static final Methodology DTI = ScoringCatalog.methodology("dti-2022-province");

  /** T(10) = A(4, not applicable when empty) + B(4, imputed) + C(2, full marks when empty). */
  public static final Methodology SMALL =
      ScoringCatalog.parse(
          "small.yaml",
          """
          id: small
          name_vi: Nhỏ
          name_en: Small
          levels: [department]
          period: month
          publication: {figure: points, decimals: 2}
          nodes:
            - {code: T, name_vi: T, name_en: T, max_points: 10, children: [A, B, C]}
            - {code: A, name_vi: A, name_en: A, max_points: 4, metric: m, when_empty: not_applicable}
            - {code: B, name_vi: B, name_en: B, max_points: 4, metric: m, when_empty: impute}
            - {code: C, name_vi: C, name_en: C, max_points: 2, metric: m, when_empty: full}
          metrics:
            m: {table: gold.fct_dossier_daily, numerator: sum(on_time_count), denominator: sum(received_count)}
          targets:
            - {node: T, threshold: 0.8}
          """);

  /** Main-index values in the order NTS TCS HTS NLS ATTT DTTM HDCQS HDKTS HDXHS. */
  public static UnitInput mainIndices(String code, String... values) {
    String[] nodes = {"NTS", "TCS", "HTS", "NLS", "ATTT", "DTTM", "HDCQS", "HDKTS", "HDXHS"};
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    for (int i = 0; i < nodes.length; i++) {
      m.put(nodes[i], new BigDecimal(values[i]));
    }
    return new UnitInput(code, "Tỉnh " + code, Map.of(), m);
  }

  /** A measured figure. */
  public static Observation obs(int numerator, int denominator) {
    return new Observation(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
  }
}
