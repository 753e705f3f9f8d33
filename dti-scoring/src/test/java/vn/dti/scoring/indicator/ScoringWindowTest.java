package vn.dti.scoring.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/**
 * Tier 2: which months a night's changes reach, read from real Delta tables: a gold table's log, a
 * silver table's change feed.
 */
class ScoringWindowTest {
  private static Methodology methodology(String goldMonth) {
    return ScoringCatalog.parse(
        "w.yaml",
        """
        id: w
        name_vi: W
        name_en: W
        levels: [province]
        period: month
        publication: {figure: points, decimals: 2}
        nodes:
          - {code: T, name_vi: T, name_en: T, max_points: 20, children: [A, B]}
          - {code: A, name_vi: A, name_en: A, max_points: 10, metric: answered}
          - {code: B, name_vi: B, name_en: B, max_points: 10, metric: liked}
        metrics:
          answered: {table: gold.fct_feedback_daily, month: "%s", numerator: sum(resolved_count), denominator: sum(received_count)}
          liked: {table: silver.feedback, month: received_month, numerator: sum(likes), denominator: count(*)}
        """
            .formatted(goldMonth));
  }

  /** A row of the table: the values given, a plain value of its type in every other column. */
  private static Row row(TableSpec t, Map<String, Object> values) {
    List<Object> out = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      out.add(values.containsKey(f.name()) ? values.get(f.name()) : plain(f.dataType()));
    }
    return RowFactory.create(out.toArray());
  }

  private static Object plain(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "x";
    } else if (type.equals(DataTypes.LongType)) {
      return 1L;
    } else if (type.equals(DataTypes.IntegerType)) {
      return 1;
    } else if (type.equals(DataTypes.DoubleType)) {
      return 1.0;
    } else if (type.equals(DataTypes.BooleanType)) {
      return false;
    } else if (type.equals(DataTypes.DateType)) {
      return Date.valueOf("2024-01-01");
    } else if (type.equals(DataTypes.TimestampNTZType)) {
      return LocalDateTime.of(2024, 1, 1, 8, 0);
    } else if (type.equals(DataTypes.TimestampType)) {
      return java.sql.Timestamp.valueOf("2024-01-01 08:00:00");
    } else if (type instanceof DecimalType) {
      return BigDecimal.ZERO;
    }
    return null;
  }

  private static Dataset<Row> frame(TableSpec t, List<Row> rows) {
    return SharedSpark.spark().createDataFrame(rows, t.schema());
  }

  private static Row gold(String month) {
    return row(
        Tables.GOLD_FCT_FEEDBACK_DAILY,
        Map.of("month", month, "received_date", Date.valueOf(month + "-10")));
  }

  private static Row item(String id, String month, int likes) {
    return row(
        Tables.SILVER_FEEDBACK, Map.of("feedback_id", id, "received_month", month, "likes", likes));
  }

  private static InputVersions versions(DeltaTableStore store, String units) {
    return InputVersions.current(store, Tables.GOLD_FCT_FEEDBACK_DAILY, Tables.SILVER_FEEDBACK)
        .with(Tables.GOLD_DIM_UNIT.name(), units)
        .with(Tables.SILVER_UNIT.name(), "1");
  }

  /**
   * Facts for January to April and four items. Replacing March's facts reaches March; moving item
   * i2 from February to April reaches February (the month it left) too; nothing written, nothing
   * reached; another unit dimension, or a gold metric whose month is not the table's partition,
   * reaches every period.
   */
  @Test
  void theFirstChangedMonthComesFromTheGoldLogAndTheSilverChangeFeed() {
    DeltaTableStore store = SharedSpark.newStore();
    JobContext ctx = new JobContext(store, Clock.systemUTC(), "run-w");
    Methodology m = methodology("month");
    store.overwrite(
        Tables.GOLD_FCT_FEEDBACK_DAILY,
        frame(
            Tables.GOLD_FCT_FEEDBACK_DAILY,
            List.of(gold("2024-01"), gold("2024-02"), gold("2024-03"), gold("2024-04"))));
    store.overwrite(
        Tables.SILVER_FEEDBACK,
        frame(
            Tables.SILVER_FEEDBACK,
            List.of(
                item("i1", "2024-01", 1),
                item("i2", "2024-02", 1),
                item("i3", "2024-03", 1),
                item("i4", "2024-04", 1))));
    InputVersions first = versions(store, "1");
    assertThat(ScoringWindow.firstChangedMonth(ctx, m, first, first))
        .hasValue(ScoringWindow.NO_CHANGE);

    store.replaceWhere(
        Tables.GOLD_FCT_FEEDBACK_DAILY,
        frame(Tables.GOLD_FCT_FEEDBACK_DAILY, List.of(gold("2024-03"))),
        "month",
        List.of("2024-03"));
    InputVersions second = versions(store, "1");
    assertThat(ScoringWindow.firstChangedMonth(ctx, m, first, second)).hasValue("2024-03");

    store.upsert(
        Tables.SILVER_FEEDBACK,
        frame(Tables.SILVER_FEEDBACK, List.of(item("i2", "2024-04", 5))),
        "true",
        "received_month",
        List.of());
    InputVersions third = versions(store, "1");
    assertThat(ScoringWindow.firstChangedMonth(ctx, m, second, third)).hasValue("2024-02");
    assertThat(ScoringWindow.firstChangedMonth(ctx, m, first, third)).hasValue("2024-02");

    assertThat(ScoringWindow.firstChangedMonth(ctx, m, third, versions(store, "2"))).isEmpty();
    assertThat(
            ScoringWindow.firstChangedMonth(
                ctx, methodology("date_format(received_date, 'yyyy-MM')"), first, second))
        .isEmpty();
  }

  /**
   * Metrics on one silver table: two by the month received, one by the month answered. The change
   * feed is read once per month expression, never shared across expressions: item i4, received in
   * April, now answered in February (it was in August), reaches February through the third metric
   * even though the first two, asked first, see April.
   */
  @Test
  void metricsOnOneTableAreAnsweredByTheirOwnMonthExpression() {
    DeltaTableStore store = SharedSpark.newStore();
    JobContext ctx = new JobContext(store, Clock.systemUTC(), "run-w");
    Methodology m =
        ScoringCatalog.parse(
            "e.yaml",
            """
            id: e
            name_vi: E
            name_en: E
            levels: [province]
            period: month
            publication: {figure: points, decimals: 2}
            nodes:
              - {code: T, name_vi: T, name_en: T, max_points: 30, children: [A, B, C]}
              - {code: A, name_vi: A, name_en: A, max_points: 10, metric: liked}
              - {code: B, name_vi: B, name_en: B, max_points: 10, metric: liked_again}
              - {code: C, name_vi: C, name_en: C, max_points: 10, metric: answered}
            metrics:
              liked: {table: silver.feedback, month: received_month, numerator: sum(likes), denominator: count(*)}
              liked_again: {table: silver.feedback, month: received_month, numerator: sum(likes), denominator: count(*)}
              answered: {table: silver.feedback, month: "date_format(resolved_at, 'yyyy-MM')", numerator: count(resolved_at), denominator: count(*)}
            """);
    List<Row> items = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      items.add(answered("i" + i, "2024-0" + i, LocalDateTime.of(2024, i + 4, 15, 9, 0)));
    }
    store.overwrite(Tables.SILVER_FEEDBACK, frame(Tables.SILVER_FEEDBACK, items));
    store.createIfMissing(Tables.GOLD_FCT_FEEDBACK_DAILY);
    InputVersions before = versions(store, "1");
    store.upsert(
        Tables.SILVER_FEEDBACK,
        frame(
            Tables.SILVER_FEEDBACK,
            List.of(answered("i4", "2024-04", LocalDateTime.of(2024, 2, 20, 9, 0)))),
        "true",
        "received_month",
        List.of());
    assertThat(ScoringWindow.firstChangedMonth(ctx, m, before, versions(store, "1")))
        .hasValue("2024-02");
  }

  private static Row answered(String id, String month, LocalDateTime resolvedAt) {
    return row(
        Tables.SILVER_FEEDBACK,
        Map.of("feedback_id", id, "received_month", month, "resolved_at", resolvedAt));
  }

  @Test
  void theWindowOpensOnePeriodBeforeTheFirstChangedMonth() {
    Methodology monthly = methodology("month");
    assertThat(ScoringWindow.firstPeriod(monthly, "2024-03")).isEqualTo("2024-02");
    assertThat(ScoringWindow.firstPeriod(monthly, "2024-01")).isEqualTo("2023-12");
    assertThat(ScoringWindow.firstPeriod(monthly, ScoringWindow.NO_CHANGE))
        .isEqualTo(ScoringWindow.NO_CHANGE);
    Methodology quarterly =
        ScoringCatalog.parse(
            "q.yaml", monthly.ref().definition().replace("period: month", "period: quarter"));
    assertThat(ScoringWindow.firstPeriod(quarterly, "2024-01")).isEqualTo("2023-Q4");
    assertThat(ScoringWindow.firstPeriod(quarterly, "2024-11")).isEqualTo("2024-Q3");
    Methodology yearly =
        ScoringCatalog.parse(
            "y.yaml", monthly.ref().definition().replace("period: month", "period: year"));
    assertThat(ScoringWindow.firstPeriod(yearly, "2024-11")).isEqualTo("2023");
    assertThat(ScoringWindow.NO_CHANGE).isGreaterThan("2024-12");
    assertThat(ScoringWindow.firstMonthOf("2023")).isEqualTo("2023-01");
    assertThat(ScoringWindow.firstMonthOf("2024-Q3")).isEqualTo("2024-07");
    assertThat(ScoringWindow.firstMonthOf("2024-Q1")).isEqualTo("2024-01");
    assertThat(ScoringWindow.firstMonthOf("2024-10")).isEqualTo("2024-10");
  }

  /**
   * The window's condition on a metric's own columns keeps exactly the rows of the months from the
   * first on, for a month column and for a date's month; other expressions get none.
   */
  @Test
  void theWindowIsPushedToTheMonthColumnOrTheDate() {
    Methodology m = methodology("date_format(received_date, 'yyyy-MM')");
    Dataset<Row> facts =
        frame(
            Tables.GOLD_FCT_FEEDBACK_DAILY,
            List.of(
                row(
                    Tables.GOLD_FCT_FEEDBACK_DAILY,
                    Map.of("month", "2024-09", "received_date", Date.valueOf("2024-09-30"))),
                row(
                    Tables.GOLD_FCT_FEEDBACK_DAILY,
                    Map.of("month", "2024-10", "received_date", Date.valueOf("2024-10-01")))));
    for (String metric : List.of("answered", "liked")) {
      var condition = ScoringWindow.pushable(m.metrics().get(metric), "2024-10").orElseThrow();
      String column = metric.equals("answered") ? "received_date" : "received_month";
      assertThat(condition.toString()).contains(column);
    }
    var byDate = ScoringWindow.pushable(m.metrics().get("answered"), "2024-10").orElseThrow();
    assertThat(
            facts
                .where(byDate)
                .select("month")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("2024-10");
    var byMonth =
        ScoringWindow.pushable(methodology("month").metrics().get("answered"), "2024-10")
            .orElseThrow();
    assertThat(
            facts
                .where(byMonth)
                .select("month")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("2024-10");
    assertThat(
            ScoringWindow.pushable(
                methodology("substring(month, 1, 7)").metrics().get("answered"), "2024-10"))
        .isEmpty();
  }
}
