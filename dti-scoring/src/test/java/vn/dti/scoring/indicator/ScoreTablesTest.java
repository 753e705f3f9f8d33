package vn.dti.scoring.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.warehouse.catalog.Tables;

/** Tier 1: the rows of the five scoring tables, from figures worked out by hand. No Spark. */
class ScoreTablesTest {
  /** Departments scored on two leaves, online and paid; also used by {@link ResultStagingTest}. */
  static final Methodology M =
      ScoringCatalog.parse(
          "u.yaml",
          """
          id: u
          name_vi: U
          name_en: U
          levels: [department]
          period: month
          publication: {figure: points, decimals: 2}
          nodes:
            - {code: T, name_vi: Tổng, name_en: T, max_points: 40, children: [ON, PAY]}
            - {code: ON, name_vi: Trực tuyến, name_en: O, max_points: 20, metric: on}
            - {code: PAY, name_vi: Thanh toán, name_en: P, max_points: 20, metric: pay}
          metrics:
            on: {table: gold.fct_dossier_daily, numerator: sum(online_count), denominator: sum(received_count)}
            pay: {table: gold.fct_dossier_daily, numerator: sum(paid_online_count), denominator: sum(with_fees_count)}
          targets:
            - {node: ON, threshold: 0.5}
          """);

  private static Figure f(String unit, String period, String leaf, double n, double d) {
    return new Figure("as_reported", "department", "70", unit, period, leaf, n, d);
  }

  /** The figures of the two months below. */
  private static List<Figure> mayAndJune() {
    return List.of(
        f("S1", "2024-05", "ON", 8, 10),
        f("S1", "2024-05", "PAY", 1, 4),
        f("S2", "2024-05", "ON", 4, 10),
        f("S2", "2024-05", "PAY", 4, 4),
        f("S1", "2024-06", "ON", 9, 10),
        f("S1", "2024-06", "PAY", 3, 4),
        f("S2", "2024-06", "ON", 4, 10),
        f("S2", "2024-06", "PAY", 2, 4));
  }

  /**
   * May: S1 online 8/10 (16 points), paid 1/4 (5) = 21; S2 online 4/10 (8), paid 4/4 (20) = 28.
   * June: S1 online 9/10 (18), paid 3/4 (15) = 33; S2 online 4/10 (8), paid 2/4 (10) = 18. So in
   * June S1 moves from rank 2 to 1 (+1), S2 from 1 to 2 (−1); S1's online rate rose 80 % → 90 %:
   * "Tăng 10%", target 50 % met; S2's stayed at 40 %: "Bằng", not met. S1's total changed +12 =
   * online +2 and payment +10.
   */
  @Test
  void rowsCarryRanksTrendsTargetsAndTheChangeSplit() {
    List<Figure> figures = mayAndJune();
    ScoringUnits units = new ScoringUnits(Map.of(), Map.of(), Map.of());
    Map<ScoreGroup, ScoreSheet> sheets = GroupScoring.score(M, figures, units);
    ScoreTables t = ScoreTables.of(M, sheets, figures, "gold.fct_dossier_daily=7");

    Row june = only(t.ranking(), "2024-06", "S1", "T", Tables.GOLD_RANKING);
    assertThat(june.<BigDecimal>getAs("score")).isEqualByComparingTo("33");
    assertThat(june.<Integer>getAs("rank")).isEqualTo(1);
    assertThat(june.<Integer>getAs("units_ranked")).isEqualTo(2);
    assertThat(june.<String>getAs("previous_period")).isEqualTo("2024-05");
    assertThat(june.<BigDecimal>getAs("previous_score")).isEqualByComparingTo("21");
    assertThat(june.<Integer>getAs("previous_rank")).isEqualTo(2);
    assertThat(june.<Integer>getAs("rank_change")).isEqualTo(1);
    assertThat(june.<String>getAs("scope_code")).isEqualTo("70");
    assertThat(
            only(t.ranking(), "2024-06", "S2", "T", Tables.GOLD_RANKING)
                .<Integer>getAs("rank_change"))
        .isEqualTo(-1);
    // May has nothing before it.
    assertThat(
            only(t.ranking(), "2024-05", "S1", "T", Tables.GOLD_RANKING)
                .<String>getAs("previous_period"))
        .isNull();
    // The total and both groups are ranked: 2 units × 3 nodes × 2 months.
    assertThat(t.ranking()).hasSize(12);

    Row on = only(t.score(), "2024-06", "S1", "ON", Tables.GOLD_SCORE);
    assertThat(on.<String>getAs("trend")).isEqualTo("Tăng 10%");
    assertThat(on.<Double>getAs("previous_value")).isEqualTo(0.8);
    assertThat(on.<String>getAs("target_status")).isEqualTo("Đạt");
    Row on2 = only(t.score(), "2024-06", "S2", "ON", Tables.GOLD_SCORE);
    assertThat(on2.<String>getAs("trend")).isEqualTo("Bằng");
    assertThat(on2.<String>getAs("target_status")).isEqualTo("Không đạt");
    assertThat(on2.<String>getAs("input_versions")).isEqualTo("gold.fct_dossier_daily=7");

    Row ind = only(t.indicator(), "2024-06", "S1", "PAY", Tables.GOLD_INDICATOR_VALUE);
    assertThat(ind.<Double>getAs("numerator")).isEqualTo(3.0);
    assertThat(ind.<Double>getAs("denominator")).isEqualTo(4.0);
    assertThat(ind.<Double>getAs("ratio")).isEqualTo(0.75);
    assertThat(ind.<BigDecimal>getAs("points")).isEqualByComparingTo("15");
    assertThat(ind.<String>getAs("metric")).isEqualTo("pay");
    assertThat(t.indicator()).hasSize(8);

    BigDecimal sum = BigDecimal.ZERO;
    for (Row c : t.change()) {
      if (c.getAs("unit_code").equals("S1")) {
        sum = sum.add(c.getAs("contribution"));
        assertThat(c.<BigDecimal>getAs("total_change")).isEqualByComparingTo("12");
      }
    }
    assertThat(sum).isEqualByComparingTo("12");
    // S1's gains: payment +10 first, online +2 second; S2 lost 10 on payment, its largest loss.
    assertThat(
            t.change().stream()
                .filter(c -> c.getAs("unit_code").equals("S1") && c.getAs("gain_rank") != null)
                .map(c -> c.getAs("node_code") + " " + c.getAs("gain_rank"))
                .toList())
        .containsExactlyInAnyOrder("PAY 1", "ON 2");
    assertThat(
            t.change().stream()
                .filter(c -> c.getAs("unit_code").equals("S2") && c.getAs("loss_rank") != null)
                .map(c -> c.getAs("node_code") + " " + c.getAs("loss_rank"))
                .toList())
        .containsExactly("PAY 1");
    assertThat(t.uncertainty()).hasSize(4);
    // Every row fits its table's schema.
    for (var table : ScoreTables.TABLES) {
      for (Row r : t.rowsOf(table)) {
        assertThat(r.length()).as(table.name()).isEqualTo(table.schema().size());
      }
    }
  }

  /**
   * Keeping only June builds no May row, yet June still compares with May: S1 was ranked 2nd (rank
   * change +1), 21 points before, and its +12 splits into +10 and +2 as above.
   */
  @Test
  void onlyTheKeptPeriodsRowsAreBuiltAndTheyStillCompareWithTheOneBefore() {
    List<Figure> figures = mayAndJune();
    ScoringUnits units = new ScoringUnits(Map.of(), Map.of(), Map.of());
    Map<ScoreGroup, ScoreSheet> sheets = GroupScoring.score(M, figures, units);
    ScoreTables t = ScoreTables.of(M, sheets, figures, "v", "2024-06"::equals);
    for (var table : ScoreTables.TABLES) {
      assertThat(t.rowsOf(table))
          .as(table.name())
          .allMatch(r -> r.getAs("period").equals("2024-06"));
    }
    assertThat(t.ranking()).hasSize(6);
    assertThat(t.uncertainty()).hasSize(2);
    Row june = only(t.ranking(), "2024-06", "S1", "T", Tables.GOLD_RANKING);
    assertThat(june.<Integer>getAs("previous_rank")).isEqualTo(2);
    assertThat(june.<Integer>getAs("rank_change")).isEqualTo(1);
    assertThat(june.<BigDecimal>getAs("previous_score")).isEqualByComparingTo("21");
    assertThat(
            t.change().stream()
                .filter(c -> c.getAs("unit_code").equals("S1") && c.getAs("gain_rank") != null)
                .map(c -> c.getAs("node_code") + " " + c.<BigDecimal>getAs("contribution"))
                .toList())
        .containsExactlyInAnyOrder("PAY 10.0000", "ON 2.0000");
  }

  /** The one row of a period, unit and node (or indicator); the rows carry their schema. */
  private static Row only(
      List<Row> rows,
      String period,
      String unit,
      String node,
      vn.dti.warehouse.catalog.TableSpec t) {
    String nodeColumn =
        List.of(t.schema().fieldNames()).contains("node_code") ? "node_code" : "indicator_code";
    List<Row> hits =
        rows.stream()
            .filter(
                r ->
                    r.getAs("period").equals(period)
                        && r.getAs("unit_code").equals(unit)
                        && r.getAs(nodeColumn).equals(node))
            .toList();
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).schema()).isEqualTo(t.schema());
    return hits.get(0);
  }
}
