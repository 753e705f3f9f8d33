package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Metric;
import vn.dti.scoring.methodology.Node;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;

/**
 * A methodology's metric figures, aggregated by Spark from the gold (or silver) tables: each metric
 * leaf's numerator and denominator per unit and period, per province nationally, restated on the
 * 2025 provinces when the file asks (the raw rows are mapped to the new province before they are
 * aggregated, so a merged province's ratio is its parts' summed counts, never an average of their
 * scores), and per department, district or commune within its province.
 *
 * <pre>
 * fct_dossier_daily 70 2024-05 online 30 received 40 ─► as_reported province VN 70 2024 DVC.2 30 40
 * </pre>
 */
public final class MetricFigures {
  static final String PROVINCE = "province";

  private static final String[] KEYS = {"_boundaries", "_level", "_scope", "_unit", "_period"};

  private MetricFigures() {}

  /** The period of a {@code yyyy-MM} month column, at the methodology's period. */
  static Column period(Methodology m, Column month) {
    return switch (m.period()) {
      case "year" -> substring(month, 1, 4);
      case "half" ->
          concat(
              substring(month, 1, 4),
              lit("-H"),
              ceil(substring(month, 6, 2).cast(DataTypes.IntegerType).divide(6))
                  .cast(DataTypes.StringType));
      case "quarter" ->
          concat(
              substring(month, 1, 4),
              lit("-Q"),
              ceil(substring(month, 6, 2).cast(DataTypes.IntegerType).divide(3))
                  .cast(DataTypes.StringType));
      default -> month;
    };
  }

  /**
   * Metric figures: one row per (group, unit, leaf) with numerator and denominator ({@link
   * Figure#SCHEMA}). Pure, given the tables.
   */
  public static Dataset<Row> of(
      Methodology m, Function<String, Dataset<Row>> tables, ScoringUnits units) {
    return of(m, tables, units, Optional.empty());
  }

  /**
   * {@link #of(Methodology, Function, ScoringUnits)}, only for the periods from {@code from} on
   * when given. Metrics that read the same table (joined alike, with the same month) are aggregated
   * together, in one pass and one shuffle, and each leaf then takes its metric's pair. A metric's
   * filter goes into its aggregates ({@code sum(x) FILTER (WHERE …)}) when each of them is one
   * aggregate call, and a unit whose rows all fail it gets no figure, as alone; a metric whose
   * aggregates are compound keeps its filter on the rows, shared only with metrics of the same
   * filter. Each metric sees exactly the rows and groups it would see alone.
   */
  static Dataset<Row> of(
      Methodology m,
      Function<String, Dataset<Row>> tables,
      ScoringUnits units,
      Optional<String> from) {
    Dataset<Row> out = null;
    for (Map.Entry<RowSource, Map<String, List<String>>> source : bySource(m).entrySet()) {
      List<Metric> metrics =
          source.getValue().keySet().stream().map(name -> m.metrics().get(name)).toList();
      try {
        Dataset<Row> f =
            figures(m, source.getKey(), metrics, source.getValue(), tables, units, from);
        if (f != null) {
          out = out == null ? f : out.unionByName(f);
        }
      } catch (Exception e) {
        if (e instanceof AnalysisException a) {
          throw new WarehouseException(where(m, metrics) + a.getSimpleMessage(), e);
        }
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The passes over the tables: each row source, with its metrics and the leaves each feeds. */
  static Map<RowSource, Map<String, List<String>>> bySource(Methodology m) {
    Map<RowSource, Map<String, List<String>>> sources = new LinkedHashMap<>();
    for (Node leaf : m.leaves()) {
      if (leaf.source().orElseThrow() instanceof Node.Source.FromMetric fm) {
        Metric metric = m.metrics().get(fm.metric());
        sources
            .computeIfAbsent(RowSource.of(metric), k -> new LinkedHashMap<>())
            .computeIfAbsent(metric.name(), k -> new ArrayList<>())
            .add(leaf.code());
      }
    }
    return sources;
  }

  /**
   * What decides the rows a metric aggregates: metrics alike in all four share one pass. The filter
   * is the one applied to the rows: none for a metric whose filter goes into its aggregates.
   */
  record RowSource(
      String table, Optional<Metric.Join> join, Optional<String> filter, String month) {
    static RowSource of(Metric metric) {
      return new RowSource(
          metric.table(),
          metric.join(),
          filtersItsAggregates(metric) ? Optional.empty() : metric.filter().map(String::strip),
          metric.month().strip());
    }
  }

  /** Whether the metric's filter can be put in its aggregates rather than on its rows. */
  static boolean filtersItsAggregates(Metric metric) {
    return metric.filter().isPresent()
        && isOneAggregateCall(metric.numerator())
        && isOneAggregateCall(metric.denominator());
  }

  /**
   * Whether an expression is a single call of an aggregate function without a FILTER clause of its
   * own, e.g. {@code count(distinct x)}, not {@code sum(a) + sum(b)} or {@code coalesce(sum(a),
   * 0)}: the only kind a FILTER clause can follow.
   */
  static boolean isOneAggregateCall(String expression) {
    try {
      org.apache.spark.sql.catalyst.expressions.Expression e =
          org.apache.spark.sql.catalyst.parser.CatalystSqlParser$.MODULE$.parseExpression(
              expression);
      if (!(e instanceof org.apache.spark.sql.catalyst.analysis.UnresolvedFunction f)
          || f.filter().isDefined()
          || f.nameParts().size() != 1) {
        return false;
      }
      scala.Option<
              scala.Tuple2<
                  org.apache.spark.sql.catalyst.expressions.ExpressionInfo,
                  scala.Function1<
                      scala.collection.immutable.Seq<
                          org.apache.spark.sql.catalyst.expressions.Expression>,
                      org.apache.spark.sql.catalyst.expressions.Expression>>>
          info =
              org.apache.spark.sql.catalyst.analysis.FunctionRegistry$.MODULE$
                  .expressions()
                  .get(f.nameParts().head().toLowerCase(java.util.Locale.ROOT));
      return info.isDefined() && "agg_funcs".equals(info.get()._1().getGroup());
    } catch (Exception e) {
      // Not parsable (Spark's ParseException is checked): aggregated on its own, where Spark
      // reports the problem with the metric's name and line.
      return false;
    }
  }

  /**
   * The figures of metrics that read the same rows ({@code metrics}, with the leaves each feeds),
   * or null when the methodology groups units in no way.
   */
  private static Dataset<Row> figures(
      Methodology m,
      RowSource source,
      List<Metric> metrics,
      Map<String, List<String>> leavesByMetric,
      Function<String, Dataset<Row>> tables,
      ScoringUnits units,
      Optional<String> from) {
    Metric first = metrics.get(0);
    Dataset<Row> rows = tables.apply(first.table());
    requireColumns(m, first, rows);
    if (from.isPresent()) {
      // Before the join, so that it reaches the files.
      Optional<Column> early =
          ScoringWindow.pushable(first, ScoringWindow.firstMonthOf(from.get()));
      if (early.isPresent()) {
        rows = rows.where(early.get());
      }
    }
    if (first.join().isPresent()) {
      rows = join(rows, first.join().get(), tables);
    }
    if (source.filter().isPresent()) {
      rows = rows.where(expr(source.filter().get()));
    }
    rows = rows.withColumn("_period", period(m, expr(first.month())));
    // Only the periods the methodology applies to (a period it starts or ends inside counts).
    Optional<String> firstApplied = m.applies().firstPeriod(m.period());
    if (firstApplied.isPresent()) {
      rows = rows.where(col("_period").geq(lit(firstApplied.get())));
    }
    Optional<String> lastApplied = m.applies().lastPeriod(m.period());
    if (lastApplied.isPresent()) {
      rows = rows.where(col("_period").leq(lit(lastApplied.get())));
    }
    if (from.isPresent()) {
      rows = rows.where(col("_period").geq(lit(from.get())));
    }
    // Every way of grouping units in one aggregation (one shuffle for these metrics).
    Dataset<Row> keyed = null;
    for (Dataset<Row> k : keyed(m, rows, units)) {
      Dataset<Row> slim =
          k.select(
              Stream.concat(
                      Arrays.stream(KEYS).map(c -> col(c)),
                      Arrays.stream(rows.columns())
                          .filter(c -> !c.startsWith("_"))
                          .map(c -> col(c)))
                  .toArray(Column[]::new));
      keyed = keyed == null ? slim : keyed.unionByName(slim);
    }
    if (keyed == null) {
      return null;
    }
    List<Column> aggregates = new ArrayList<>();
    List<Column> pairs = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      Metric metric = metrics.get(i);
      // A filter in the aggregates: the group's rows that pass it are counted too, so that a group
      // where none does gives no figure (as when the rows were filtered before grouping).
      String only =
          metric.filter().isPresent() && source.filter().isEmpty()
              ? " FILTER (WHERE (" + metric.filter().get() + "))"
              : "";
      aggregates.add(
          expr(metric.numerator() + only).cast(DataTypes.DoubleType).as("_numerator" + i));
      aggregates.add(
          expr(metric.denominator() + only).cast(DataTypes.DoubleType).as("_denominator" + i));
      aggregates.add(
          only.isEmpty() ? lit(1L).as("_rows" + i) : expr("count(*)" + only).as("_rows" + i));
      for (String leaf : leavesByMetric.get(metric.name())) {
        pairs.add(
            struct(
                lit(leaf).as("leaf_code"),
                col("_numerator" + i).as("numerator"),
                col("_denominator" + i).as("denominator"),
                col("_rows" + i).as("rows")));
      }
    }
    return keyed
        .groupBy(Arrays.stream(KEYS).map(k -> col(k)).toArray(Column[]::new))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .select(
            col("_boundaries").as("boundaries"),
            col("_level").as("unit_level"),
            col("_scope").as("scope_code"),
            col("_unit").as("unit_code"),
            col("_period").as("period"),
            explode(array(pairs.toArray(Column[]::new))).as("_leaf"))
        .where(col("_leaf.rows").gt(0))
        .select(
            col("boundaries"),
            col("unit_level"),
            col("scope_code"),
            col("unit_code"),
            col("period"),
            col("_leaf.leaf_code").as("leaf_code"),
            col("_leaf.numerator").as("numerator"),
            col("_leaf.denominator").as("denominator"));
  }

  /**
   * The start of a message about metrics read together: "Methodology qd766, metric x (line 12): ".
   */
  private static String where(Methodology m, List<Metric> metrics) {
    return metrics.size() == 1
        ? where(m, metrics.get(0))
        : "Methodology "
            + m.id()
            + ", metrics "
            + metrics.stream()
                .map(x -> x.name() + " (line " + x.line() + ")")
                .collect(java.util.stream.Collectors.joining(", "))
            + ": ";
  }

  /** The start of a message about a metric: "Methodology qd766, metric x (line 12): ". */
  private static String where(Methodology m, Metric metric) {
    return "Methodology "
        + m.id()
        + ", metric "
        + metric.name()
        + " (line "
        + metric.line()
        + "): ";
  }

  private static void requireColumns(Methodology m, Metric metric, Dataset<Row> rows) {
    List<String> needed = new ArrayList<>(List.of("province_code"));
    if (m.levels().stream().anyMatch(l -> !l.equals(PROVINCE))) {
      needed.add("unit_code");
    }
    for (String c : needed) {
      if (!Arrays.asList(rows.columns()).contains(c)) {
        throw new WarehouseException(
            where(m, metric)
                + metric.table()
                + " has no column "
                + c
                + "; metrics at levels "
                + m.levels()
                + " need "
                + needed);
      }
    }
  }

  /**
   * The metric's rows with the joined table's columns: all of them, prefixed, when the join column
   * is that table's key; otherwise only how many of its rows share the key ({@code <prefix>rows}).
   */
  static Dataset<Row> join(
      Dataset<Row> rows, Metric.Join j, Function<String, Dataset<Row>> tables) {
    TableSpec spec = Tables.byName(j.table()).orElseThrow();
    Dataset<Row> other = tables.apply(j.table());
    Dataset<Row> right;
    if (spec.keyColumns().equals(List.of(j.on()))) {
      right =
          other.select(
              Arrays.stream(other.columns())
                  .map(c -> col(c).as(c.equals(j.on()) ? "_join_key" : j.prefix() + c))
                  .toArray(Column[]::new));
    } else {
      right =
          other
              .where(col(j.on()).isNotNull())
              .groupBy(col(j.on()).as("_join_key"))
              .count()
              .withColumnRenamed("count", j.prefix() + "rows");
    }
    Dataset<Row> joined =
        rows.join(right, rows.col(j.on()).equalTo(right.col("_join_key")), "left");
    if (!spec.keyColumns().equals(List.of(j.on()))) {
      joined = joined.withColumn(j.prefix() + "rows", coalesce(col(j.prefix() + "rows"), lit(0L)));
    }
    return joined.drop("_join_key");
  }

  /** The rows, keyed for each way the methodology groups units. */
  private static List<Dataset<Row>> keyed(Methodology m, Dataset<Row> rows, ScoringUnits units) {
    List<Dataset<Row>> out = new ArrayList<>();
    if (m.levels().contains(PROVINCE)) {
      if (m.boundaries().contains(Methodology.AS_REPORTED)) {
        out.add(
            rows.withColumn("_boundaries", lit(Methodology.AS_REPORTED))
                .withColumn("_level", lit(PROVINCE))
                .withColumn("_scope", lit(ScoreGroup.NATIONAL))
                .withColumn("_unit", col("province_code")));
      }
      if (m.boundaries().contains(Methodology.RESTATED)) {
        Dataset<Row> map = units.successorFrame(rows.sparkSession());
        out.add(
            rows.join(map, rows.col("province_code").equalTo(map.col("province_code")), "left")
                .drop(map.col("province_code"))
                .withColumn("_boundaries", lit(Methodology.RESTATED))
                .withColumn("_level", lit(PROVINCE))
                .withColumn("_scope", lit(ScoreGroup.NATIONAL))
                .withColumn("_unit", coalesce(col("_successor"), col("province_code"))));
      }
    }
    List<String> agencyLevels = m.levels().stream().filter(l -> !l.equals(PROVINCE)).toList();
    if (!agencyLevels.isEmpty()) {
      Dataset<Row> levels = units.agencyLevelFrame(rows.sparkSession());
      out.add(
          rows.join(levels, rows.col("unit_code").equalTo(levels.col("unit_code")), "inner")
              .drop(levels.col("unit_code"))
              .where(col("_agency_level").isin(agencyLevels.toArray()))
              .withColumn("_boundaries", lit(Methodology.AS_REPORTED))
              .withColumn("_level", col("_agency_level"))
              .withColumn("_scope", col("province_code"))
              .withColumn("_unit", col("unit_code")));
    }
    return out;
  }
}
