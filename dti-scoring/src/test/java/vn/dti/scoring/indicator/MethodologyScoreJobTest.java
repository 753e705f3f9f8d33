package vn.dti.scoring.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.MethodologyParser;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.testing.SharedSpark;

/** Tier 2: figures gathered from tiny gold and silver frames, then scored. */
class MethodologyScoreJobTest {
  private static final Methodology M =
      MethodologyParser.parse(
          "p.yaml",
          """
          id: p
          name_vi: P
          name_en: P
          levels: [province]
          period: year
          publication: {figure: points, decimals: 2}
          nodes:
            - {code: T, name_vi: T, name_en: T, max_points: 100, children: [ONLINE, PLAN]}
            - {code: ONLINE, name_vi: O, name_en: O, max_points: 60, metric: online, rule: {type: capped, target: 0.8}}
            - {code: PLAN, name_vi: K, name_en: K, max_points: 40, input: TCS.1, rule: boolean}
          metrics:
            online: {table: gold.fct_dossier_daily, numerator: sum(online_count), denominator: sum(received_count), filter: received_count > 0}
          """);

  private static Dataset<Row> facts() {
    StructType s =
        new StructType()
            .add("province_code", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("online_count", DataTypes.LongType)
            .add("received_count", DataTypes.LongType);
    return SharedSpark.spark()
        .createDataFrame(
            List.of(
                RowFactory.create("70", "2024-01", 30L, 40L),
                RowFactory.create("70", "2024-07", 10L, 20L),
                RowFactory.create("24", "2024-03", 18L, 20L),
                RowFactory.create("24", "2023-12", 1L, 10L),
                RowFactory.create("24", "2024-04", 0L, 0L)),
            s);
  }

  private static Dataset<Row> forms() {
    List<Row> rows =
        List.of(
            RowFactory.create(
                "70",
                2024,
                "TCS.1",
                null,
                1.0,
                "Có/Không",
                null,
                java.sql.Timestamp.valueOf("2025-01-05 00:00:00"),
                "b"),
            RowFactory.create(
                "24",
                2024,
                "TCS.1",
                null,
                0.0,
                "Có/Không",
                null,
                java.sql.Timestamp.valueOf("2025-01-05 00:00:00"),
                "b"),
            RowFactory.create(
                "24",
                2023,
                "NTS.9",
                null,
                5.0,
                "",
                null,
                java.sql.Timestamp.valueOf("2024-01-05 00:00:00"),
                "b"));
    return SharedSpark.spark().createDataFrame(rows, Tables.SILVER_ASSESSMENT_VALUE.schema());
  }

  /**
   * 70 in 2024: online 40 of 60 received = 0.6667, capped at 0.8 → 0.8333 × 60 = 50; plan 1 → 40;
   * total 90. 24 in 2024: 18 of 20 = 0.9 → full 60; no plan → 0; total 60. 24 in 2023: 1 of 10 =
   * 0.1 → 0.125 × 60 = 7.5, no form for 2023 → 0; total 7.5.
   */
  @Test
  void figuresAreAggregatedPerProvinceAndYearThenScored() {
    List<Row> figures =
        new ArrayList<>(MethodologyScoreJob.metricFigures(M, t -> facts()).collectAsList());
    assertThat(figures)
        .extracting(
            r ->
                r.getAs("unit_code")
                    + " "
                    + r.getAs("period")
                    + " "
                    + r.getAs("numerator")
                    + "/"
                    + r.getAs("denominator"))
        .containsExactlyInAnyOrder("70 2024 40.0/60.0", "24 2024 18.0/20.0", "24 2023 1.0/10.0");
    List<Row> inputs = MethodologyScoreJob.inputFigures(M, forms());
    assertThat(inputs).hasSize(2);
    figures.addAll(inputs);
    Map<String, ScoreSheet> sheets =
        MethodologyScoreJob.score(
            M, figures, Map.of("70", "Tỉnh Bình Phước", "24", "Tỉnh Bắc Giang"));
    assertThat(sheets).containsOnlyKeys("2023", "2024");
    assertThat(sheets.get("2024").get("70", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("90");
    assertThat(sheets.get("2024").get("24", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("60");
    assertThat(sheets.get("2024").get("70", "T").orElseThrow().rank()).contains(1);
    assertThat(sheets.get("2023").get("24", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("7.5");
    assertThat(sheets.get("2024").unitNames()).containsEntry("70", "Tỉnh Bình Phước");
  }

  @Test
  void quarterAndMonthPeriodsComeFromTheFactsMonth() {
    Dataset<Row> f = facts();
    Methodology quarterly =
        MethodologyParser.parse(
            "q.yaml", M.ref().definition().replace("period: year", "period: quarter"));
    assertThat(
            f.select(MethodologyScoreJob.period(quarterly))
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("2024-Q1", "2024-Q3", "2024-Q1", "2023-Q4", "2024-Q2");
  }
}
