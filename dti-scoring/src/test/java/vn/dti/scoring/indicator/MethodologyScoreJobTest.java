package vn.dti.scoring.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.testing.SharedSpark;

/** Tier 2: figures gathered from tiny gold and silver frames, then scored. */
class MethodologyScoreJobTest {
  private static final Methodology M =
      ScoringCatalog.parse(
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

  /** The columns of the dossier facts the test methodology reads. */
  private static final StructType FACTS =
      new StructType()
          .add("province_code", DataTypes.StringType)
          .add("month", DataTypes.StringType)
          .add("online_count", DataTypes.LongType)
          .add("received_count", DataTypes.LongType);

  private static Dataset<Row> facts() {
    StructType s = FACTS;
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

  /** No merged provinces, no agencies: what the province-level tests need. */
  private static final ScoringUnits NO_UNITS = new ScoringUnits(Map.of(), Map.of(), Map.of());

  /**
   * 70 in 2024: online 40 of 60 received = 0.6667, capped at 0.8 → 0.8333 × 60 = 50; plan 1 → 40;
   * total 90. 24 in 2024: 18 of 20 = 0.9 → full 60; no plan → 0; total 60. 24 in 2023: 1 of 10 =
   * 0.1 → 0.125 × 60 = 7.5, no form for 2023 → 0; total 7.5.
   */
  @Test
  void figuresAreAggregatedPerProvinceAndYearThenScored() {
    List<Figure> figures =
        new ArrayList<>(
            MetricFigures.of(M, t -> facts(), NO_UNITS).collectAsList().stream()
                .map(Figure::of)
                .toList());
    assertThat(figures)
        .extracting(r -> r.unit() + " " + r.period() + " " + r.numerator() + "/" + r.denominator())
        .containsExactlyInAnyOrder("70 2024 40.0/60.0", "24 2024 18.0/20.0", "24 2023 1.0/10.0");
    List<Figure> inputs = InputFigures.of(M, forms());
    assertThat(inputs).hasSize(2);
    figures.addAll(inputs);
    ScoringUnits names =
        new ScoringUnits(
            Map.of(),
            Map.of(),
            Map.of(
                "70", List.of(named("70", "Tỉnh Bình Phước", "63")),
                "24", List.of(named("24", "Tỉnh Bắc Giang", "63"))));
    Map<ScoreGroup, ScoreSheet> sheets = GroupScoring.score(M, figures, names);
    ScoreGroup y2024 = national("2024");
    assertThat(sheets).containsOnlyKeys(national("2023"), y2024);
    assertThat(sheets.get(y2024).get("70", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("90");
    assertThat(sheets.get(y2024).get("24", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("60");
    assertThat(sheets.get(y2024).get("70", "T").orElseThrow().rank()).contains(1);
    assertThat(sheets.get(national("2023")).get("24", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("7.5");
    assertThat(sheets.get(y2024).unitNames()).containsEntry("70", "Tỉnh Bình Phước");
  }

  /**
   * Metrics on the same table are aggregated together, yet each leaf gets exactly what its metric
   * alone would give: A and B share the metric online, D has online's filter, C another one (in the
   * aggregates: one aggregate call each), E has C's filter but a compound numerator (its filter
   * stays on its rows, in a pass of its own). By hand from {@link #facts}: online, rows with
   * received > 0: 70 2024 40/60, 24 2024 18/20 (April's 0/0 is filtered out), 24 2023 1/10;
   * received = sum(received) / count(*) over the same rows: 60/2, 20/1, 10/1; big = count(*) of
   * rows with received >= 20, twice: 70 2024 2/2, 24 2024 1/1, and no figure for 24 in 2023, where
   * no row passes (not a 0/0 figure); mixed = online + received over the rows with received >= 30 /
   * their count: 70 2024 (30 + 40)/1 (the filter put in the last sum only would give 40 + 40),
   * nothing for 24.
   */
  @Test
  void metricsReadingTheSameRowsAreAggregatedTogetherWithoutChangingAnyFigure() {
    Methodology fused =
        ScoringCatalog.parse(
            "f.yaml",
            """
            id: f
            name_vi: F
            name_en: F
            levels: [province]
            period: year
            publication: {figure: points, decimals: 2}
            nodes:
              - {code: T, name_vi: T, name_en: T, max_points: 100, children: [A, B, C, D, E]}
              - {code: A, name_vi: A, name_en: A, max_points: 20, metric: online, rule: {type: capped, target: 0.8}}
              - {code: B, name_vi: B, name_en: B, max_points: 20, metric: online, rule: {type: capped, target: 0.5}}
              - {code: C, name_vi: C, name_en: C, max_points: 20, metric: big, rule: {type: capped, target: 1}}
              - {code: D, name_vi: D, name_en: D, max_points: 20, metric: received, rule: {type: capped, target: 1}}
              - {code: E, name_vi: E, name_en: E, max_points: 20, metric: mixed, rule: {type: capped, target: 1}}
            metrics:
              online: {table: gold.fct_dossier_daily, numerator: sum(online_count), denominator: sum(received_count), filter: received_count > 0}
              big: {table: gold.fct_dossier_daily, numerator: count(*), denominator: count(*), filter: received_count >= 20}
              received: {table: gold.fct_dossier_daily, numerator: sum(received_count), denominator: count(*), filter: received_count > 0}
              mixed: {table: gold.fct_dossier_daily, numerator: sum(online_count) + sum(received_count), denominator: count(*), filter: received_count >= 30}
            """);
    assertThat(
            MetricFigures.of(fused, t -> facts(), NO_UNITS).collectAsList().stream()
                .map(Figure::of)
                .toList())
        .extracting(r -> text(r, "unit_code", "period", "leaf_code"))
        .containsExactlyInAnyOrder(
            "70 2024 A 40.0/60.0",
            "70 2024 B 40.0/60.0",
            "70 2024 D 60.0/2.0",
            "70 2024 C 2.0/2.0",
            "24 2024 A 18.0/20.0",
            "24 2024 B 18.0/20.0",
            "24 2024 D 20.0/1.0",
            "24 2024 C 1.0/1.0",
            "24 2023 A 1.0/10.0",
            "24 2023 B 1.0/10.0",
            "24 2023 D 10.0/1.0",
            "70 2024 E 70.0/1.0");
  }

  @Test
  void onlyASingleAggregateCallTakesAFilterClause() {
    assertThat(MetricFigures.isOneAggregateCall("count(*)")).isTrue();
    assertThat(
            MetricFigures.isOneAggregateCall(
                "count(distinct case when is_paid_online then procedure_code end)"))
        .isTrue();
    assertThat(MetricFigures.isOneAggregateCall("SUM(on_time_count)")).isTrue();
    assertThat(MetricFigures.isOneAggregateCall("sum(a) + sum(b)")).isFalse();
    assertThat(MetricFigures.isOneAggregateCall("coalesce(sum(a), 0)")).isFalse();
    assertThat(MetricFigures.isOneAggregateCall("sum(a) filter (where b)")).isFalse();
    assertThat(MetricFigures.isOneAggregateCall("cast(sum(a) as double)")).isFalse();
    assertThat(MetricFigures.isOneAggregateCall("sum(")).isFalse();
  }

  /** A figure as text: the columns given, then {@code numerator/denominator}. */
  private static String text(Figure f, String... columns) {
    Row r = f.toRow();
    StringBuilder sb = new StringBuilder();
    for (String c : columns) {
      sb.append(r.<Object>getAs(c)).append(' ');
    }
    return sb.append(r.<Object>getAs("numerator"))
        .append('/')
        .append(r.<Object>getAs("denominator"))
        .toString();
  }

  private static ScoreGroup national(String period) {
    return new ScoreGroup("as_reported", "province", "VN", period);
  }

  private static ScoringUnits.Named named(String code, String name, String era) {
    return new ScoringUnits.Named(
        code,
        name,
        era,
        java.time.LocalDate.of(era.equals("63") ? 2008 : 2025, era.equals("63") ? 1 : 7, 1),
        era.equals("63")
            ? java.util.Optional.of(java.time.LocalDate.of(2025, 7, 1))
            : java.util.Optional.empty());
  }

  /** March 2024's online dossiers of Hà Giang (02), Tuyên Quang (08) and Bình Phước (70). */
  private static Dataset<Row> mergedFacts() {
    return SharedSpark.spark()
        .createDataFrame(
            List.of(
                RowFactory.create("02", "2024-03", 10L, 40L),
                RowFactory.create("08", "2024-03", 30L, 60L),
                RowFactory.create("70", "2024-03", 20L, 25L)),
            FACTS);
  }

  /** 02 and 08 merged into 08 (Tuyên Quang), 70 into 75 (Đồng Nai). */
  private static ScoringUnits merged() {
    return new ScoringUnits(
        Map.of(),
        Map.of("02", "08", "08", "08", "70", "75"),
        Map.of(
            "08",
            List.of(named("08", "Tỉnh Tuyên Quang", "63"), named("08", "Tuyên Quang", "34"))));
  }

  /**
   * Restated on the 2025 boundaries, Hà Giang (02) and Tuyên Quang (08) are one province, 08: its
   * online share is the summed counts, (10 + 30) / (40 + 60) = 0.40, not the mean of 0.25 and 0.50
   * (0.375); capped at 0.8 → 0.5 × 60 = 30 points. Its plan (a yes/no on a form) is the mean of its
   * parts' values as reported, yes and no: 0.5 × 40 = 20 points. As reported, 02 and 08 stay apart.
   */
  @Test
  void historyIsRestatedOnTheNewProvincesBySummingTheirCounts() {
    Dataset<Row> f = mergedFacts();
    Methodology restating =
        ScoringCatalog.parse(
            "r.yaml",
            M.ref()
                .definition()
                .replace("period: year", "boundaries: [as_reported, restated_2025]\nperiod: year"));
    ScoringUnits units = merged();
    List<Figure> figures =
        new ArrayList<>(
            MetricFigures.of(restating, t -> f, units).collectAsList().stream()
                .map(Figure::of)
                .toList());
    assertThat(figures)
        .extracting(
            r -> r.boundaries() + " " + r.unit() + " " + r.numerator() + "/" + r.denominator())
        .containsExactlyInAnyOrder(
            "as_reported 02 10.0/40.0",
            "as_reported 08 30.0/60.0",
            "as_reported 70 20.0/25.0",
            "restated_2025 08 40.0/100.0",
            "restated_2025 75 20.0/25.0");
    Dataset<Row> plans =
        SharedSpark.spark()
            .createDataFrame(
                List.of(form("02", 1.0), form("08", 0.0), form("70", 1.0)),
                Tables.SILVER_ASSESSMENT_VALUE.schema());
    List<Figure> inputs = InputFigures.of(restating, plans);
    assertThat(inputs)
        .extracting(r -> r.boundaries() + " " + r.unit())
        .containsExactlyInAnyOrder("as_reported 02", "as_reported 08", "as_reported 70");
    figures.addAll(inputs);
    Map<ScoreGroup, ScoreSheet> sheets = GroupScoring.score(restating, figures, units);
    ScoreSheet restated = sheets.get(new ScoreGroup("restated_2025", "province", "VN", "2024"));
    assertThat(restated.scores()).containsOnlyKeys("08", "75");
    assertThat(restated.get("08", "ONLINE").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("30");
    assertThat(restated.get("08", "PLAN").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("20");
    assertThat(restated.get("08", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("50");
    // 75: 20 / 25 = 0.8 → full 60, plan 1 → 40: total 100, rank 1 ahead of 08's 30.
    assertThat(restated.get("75", "T").orElseThrow().rank()).contains(1);
    assertThat(restated.get("08", "T").orElseThrow().rank()).contains(2);
    assertThat(restated.unitNames()).containsEntry("08", "Tuyên Quang");
    assertThat(sheets.get(national("2024")).unitNames()).containsEntry("08", "Tỉnh Tuyên Quang");
    assertThat(sheets.get(national("2024")).scores()).containsOnlyKeys("02", "08", "70");
  }

  /**
   * Under Decision 405's rule for merged provinces ({@code merge_rule: average_of_parts}) the new
   * province 08 takes each main index as the mean of its parts' values as reported: online 02 =
   * 10/40 = 0.25 → 0.3125 of the cap, 08 = 30/60 = 0.5 → 0.625, mean 0.46875 × 60 = 28.125 points
   * (not the 30 of summed counts); plan yes and no → 0.5 × 40 = 20; total 48.125. 75 has one part,
   * 70: 60 + 40 = 100.
   */
  @Test
  void underTheAverageOfPartsRuleANewProvinceAveragesItsPartsMainIndices() {
    Dataset<Row> f = mergedFacts();
    Methodology averaging =
        ScoringCatalog.parse(
            "a.yaml",
            M.ref()
                .definition()
                .replace(
                    "period: year",
                    "boundaries: [as_reported, restated_2025]\nmerge_rule: average_of_parts\n"
                        + "period: year"));
    assertThat(averaging.mergeRule())
        .isEqualTo(vn.dti.scoring.methodology.MergeRule.AVERAGE_OF_PARTS);
    ScoringUnits units = merged();
    List<Figure> figures =
        new ArrayList<>(
            MetricFigures.of(averaging, t -> f, units).collectAsList().stream()
                .map(Figure::of)
                .toList());
    figures.addAll(
        InputFigures.of(
            averaging,
            SharedSpark.spark()
                .createDataFrame(
                    List.of(form("02", 1.0), form("08", 0.0), form("70", 1.0)),
                    Tables.SILVER_ASSESSMENT_VALUE.schema())));
    ScoreSheet restated =
        GroupScoring.score(averaging, figures, units)
            .get(new ScoreGroup("restated_2025", "province", "VN", "2024"));
    assertThat(restated.get("08", "ONLINE").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("28.125");
    assertThat(restated.get("08", "PLAN").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("20");
    assertThat(restated.get("08", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("48.125");
    assertThat(restated.get("75", "T").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("100");
    assertThatThrownBy(
            () ->
                ScoringCatalog.parse(
                    "b.yaml",
                    M.ref()
                        .definition()
                        .replace("period: year", "merge_rule: average_of_parts\nperiod: year")))
        .hasMessageContaining("b.yaml, line ")
        .hasMessageContaining("merge_rule applies to files restated on the 2025 boundaries");
  }

  private static Row form(String province, double value) {
    return RowFactory.create(
        province,
        2024,
        "TCS.1",
        null,
        value,
        "Có/Không",
        null,
        java.sql.Timestamp.valueOf("2025-01-05 00:00:00"),
        "b");
  }

  /**
   * Agencies are ranked among the agencies of their level in their province: two departments of 70,
   * one of 24 and a commune of 70 make three groups. A joined table keyed on the join column brings
   * its columns under the prefix (the procedure's fee), one that is not brings a count of its rows
   * (feedback items per dossier), without duplicating the metric's rows.
   */
  @Test
  void agenciesAreRankedWithinTheirProvinceAndLevelAndJoinsDoNotDuplicateRows() {
    Methodology units =
        ScoringCatalog.parse(
            "u.yaml",
            """
            id: u
            name_vi: U
            name_en: U
            levels: [department, commune]
            period: month
            publication: {figure: points, decimals: 2}
            nodes:
              - {code: T, name_vi: T, name_en: T, max_points: 10, children: [PAID, QUIET]}
              - {code: PAID, name_vi: P, name_en: P, max_points: 5, metric: paid}
              - {code: QUIET, name_vi: Q, name_en: Q, max_points: 5, metric: quiet}
            metrics:
              paid:
                table: silver.dossier
                month: date_format(received_date, 'yyyy-MM')
                join: {table: silver.procedure, on: procedure_code, prefix: proc_}
                filter: proc_fee_vnd > 0
                numerator: count(case when is_paid_online then 1 end)
                denominator: count(*)
              quiet:
                table: silver.dossier
                month: date_format(received_date, 'yyyy-MM')
                join: {table: silver.feedback, on: dossier_id, prefix: fb_}
                numerator: count(case when fb_rows = 0 then 1 end)
                denominator: count(*)
            """);
    StructType d =
        new StructType()
            .add("dossier_id", DataTypes.StringType)
            .add("procedure_code", DataTypes.StringType)
            .add("unit_code", DataTypes.StringType)
            .add("province_code", DataTypes.StringType)
            .add("received_date", DataTypes.DateType)
            .add("is_paid_online", DataTypes.BooleanType);
    java.sql.Date may = java.sql.Date.valueOf("2024-05-10");
    Dataset<Row> dossiers =
        SharedSpark.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("D1", "1.1", "S1", "70", may, true),
                    RowFactory.create("D2", "1.1", "S1", "70", may, false),
                    RowFactory.create("D3", "2.2", "S1", "70", may, false),
                    RowFactory.create("D4", "1.1", "S2", "70", may, true),
                    RowFactory.create("D5", "1.1", "S3", "24", may, false),
                    RowFactory.create("D6", "1.1", "X1", "70", may, true)),
                d);
    Dataset<Row> procedures =
        SharedSpark.spark()
            .createDataFrame(
                List.of(RowFactory.create("1.1", 50_000L), RowFactory.create("2.2", 0L)),
                new StructType()
                    .add("procedure_code", DataTypes.StringType)
                    .add("fee_vnd", DataTypes.LongType));
    Dataset<Row> feedback =
        SharedSpark.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("F1", "D1"),
                    RowFactory.create("F2", "D1"),
                    RowFactory.create("F3", "D4")),
                new StructType()
                    .add("feedback_id", DataTypes.StringType)
                    .add("dossier_id", DataTypes.StringType));
    Map<String, Dataset<Row>> tables =
        Map.of(
            "silver.dossier",
            dossiers,
            "silver.procedure",
            procedures,
            "silver.feedback",
            feedback);
    ScoringUnits levels =
        new ScoringUnits(
            Map.of("S1", "department", "S2", "department", "S3", "department", "X1", "commune"),
            Map.of(),
            Map.of());
    List<Figure> figures =
        MetricFigures.of(units, tables::get, levels).collectAsList().stream()
            .map(Figure::of)
            .toList();
    assertThat(figures)
        .extracting(r -> text(r, "unit_level", "scope_code", "unit_code", "leaf_code"))
        .containsExactlyInAnyOrder(
            // S1: D1, D2 carry a fee (1 paid), D3 is free; D1 has two feedback items, D2 and D3
            // none.
            "department 70 S1 PAID 1.0/2.0",
            "department 70 S1 QUIET 2.0/3.0",
            "department 70 S2 PAID 1.0/1.0",
            "department 70 S2 QUIET 0.0/1.0",
            "department 24 S3 PAID 0.0/1.0",
            "department 24 S3 QUIET 1.0/1.0",
            "commune 70 X1 PAID 1.0/1.0",
            "commune 70 X1 QUIET 1.0/1.0");
    Map<ScoreGroup, ScoreSheet> sheets = GroupScoring.score(units, figures, levels);
    assertThat(sheets)
        .containsOnlyKeys(
            new ScoreGroup("as_reported", "department", "70", "2024-05"),
            new ScoreGroup("as_reported", "department", "24", "2024-05"),
            new ScoreGroup("as_reported", "commune", "70", "2024-05"));
    // S1: 2.5 + 3.3333 = 5.83; S2: 5 + 0 = 5 → S1 first among 70's departments.
    ScoreSheet deps70 = sheets.get(new ScoreGroup("as_reported", "department", "70", "2024-05"));
    assertThat(deps70.get("S1", "T").orElseThrow().published().orElseThrow())
        .isEqualByComparingTo("5.83");
    assertThat(deps70.get("S1", "T").orElseThrow().rank()).contains(1);
    assertThat(deps70.get("S2", "T").orElseThrow().rank()).contains(2);
    ScoreSheet deps24 = sheets.get(new ScoreGroup("as_reported", "department", "24", "2024-05"));
    assertThat(deps24.get("S3", "T").orElseThrow().rank()).contains(1);
  }

  /**
   * A night that changes one figure of February rewrites February and March (March's
   * previous-period columns read February), nothing else; a period that disappears is rewritten
   * (with nothing); a changed unit dimension or no digests from the last run rewrite everything.
   */
  @Test
  void onlyPeriodsWhoseFiguresChangedAndTheNextAreRewritten() {
    Methodology monthly =
        ScoringCatalog.parse(
            "m.yaml", M.ref().definition().replace("period: year", "period: month"));
    List<Figure> before = new ArrayList<>();
    for (String p : List.of("2024-01", "2024-02", "2024-03", "2024-04")) {
      before.add(new Figure("as_reported", "province", "VN", "70", p, "ONLINE", 3.0, 4.0));
    }
    vn.dti.warehouse.job.InputVersions in =
        vn.dti.warehouse.job.InputVersions.parse(
            "methodology:p=abc;gold.dim_unit=3;silver.unit=3;gold.fct_dossier_daily=7");
    vn.dti.warehouse.job.InputVersions out = vn.dti.warehouse.job.InputVersions.parse("");
    for (var d : PeriodDigests.of(before).entrySet()) {
      out = out.with("figures:" + d.getKey(), d.getValue());
    }
    java.util.Optional<vn.dti.warehouse.job.StepRecord> last =
        java.util.Optional.of(
            new vn.dti.warehouse.job.StepRecord(
                "run-1",
                "gold.score:p",
                vn.dti.warehouse.job.StepRecord.Status.SUCCESS,
                java.time.Instant.parse("2025-01-01T00:00:00Z"),
                1.0,
                vn.dti.warehouse.job.StepCounts.derived(4, 4, ""),
                in,
                out));
    List<Figure> now = new ArrayList<>(before);
    now.set(1, new Figure("as_reported", "province", "VN", "70", "2024-02", "ONLINE", 4.0, 4.0));
    assertThat(PeriodDigests.periodsToRewrite(monthly, last, in, PeriodDigests.of(now)))
        .contains(List.of("2024-02", "2024-03"));
    assertThat(PeriodDigests.periodsToRewrite(monthly, last, in, PeriodDigests.of(before)))
        .contains(List.of());
    assertThat(
            PeriodDigests.periodsToRewrite(
                monthly, last, in, PeriodDigests.of(before.subList(0, 3))))
        .contains(List.of("2024-04"));
    assertThat(
            PeriodDigests.periodsToRewrite(
                monthly, last, in.with("gold.dim_unit", "4"), PeriodDigests.of(before)))
        .isEmpty();
    assertThat(
            PeriodDigests.periodsToRewrite(
                monthly, java.util.Optional.empty(), in, PeriodDigests.of(before)))
        .isEmpty();
  }

  @Test
  void quarterAndMonthPeriodsComeFromTheFactsMonth() {
    Dataset<Row> f = facts();
    Methodology quarterly =
        ScoringCatalog.parse(
            "q.yaml", M.ref().definition().replace("period: year", "period: quarter"));
    assertThat(
            f.select(MetricFigures.period(quarterly, f.col("month")))
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("2024-Q1", "2024-Q3", "2024-Q1", "2023-Q4", "2024-Q2");
    Methodology halves =
        ScoringCatalog.parse(
            "h.yaml", M.ref().definition().replace("period: year", "period: half"));
    assertThat(
            f.select(MetricFigures.period(halves, f.col("month")))
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("2024-H1", "2024-H2", "2024-H1", "2023-H2", "2024-H1");
  }

  /**
   * A file's {@code applies} keeps only the periods it overlaps, for measured and self-assessed
   * leaves alike: from 2024 on, the 2023 figure of 24 (1/10) and its 2023 form are left out; by
   * quarter from 2024-02, 2024-Q1 (which 2024-02 is inside) is kept and 2023-Q4 is not.
   */
  @Test
  void onlyThePeriodsAMethodologyAppliesToAreScored() {
    Methodology from2024 =
        ScoringCatalog.parse(
            "p.yaml",
            M.ref().definition().replace("period: year", "period: year\napplies: {from: 2024}"));
    assertThat(MetricFigures.of(from2024, t -> facts(), NO_UNITS).collectAsList())
        .extracting(r -> r.getAs("unit_code") + " " + r.getAs("period"))
        .containsExactlyInAnyOrder("70 2024", "24 2024");
    assertThat(InputFigures.of(from2024, forms()))
        .extracting(f -> f.unit() + " " + f.period() + " " + f.leaf())
        .containsExactlyInAnyOrder("70 2024 PLAN", "24 2024 PLAN");
    Methodology quarterly =
        ScoringCatalog.parse(
            "q.yaml",
            M.ref()
                .definition()
                .replace("period: year", "period: quarter\napplies: {from: 2024-02, to: 2024-06}"));
    assertThat(MetricFigures.of(quarterly, t -> facts(), NO_UNITS).collectAsList())
        .extracting(r -> r.getAs("unit_code") + " " + r.getAs("period"))
        .containsExactlyInAnyOrder("70 2024-Q1", "24 2024-Q1");
  }
}
