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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Metric;
import vn.dti.scoring.methodology.Node;
import vn.dti.scoring.score.Observation;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Scorer;
import vn.dti.scoring.score.UnitInput;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.table.ConcurrentWrites;

/**
 * Scores a methodology file over the warehouse, at every level and period the facts cover. Each
 * metric leaf's numerator and denominator are aggregated from its gold (or silver) table per unit
 * and period: per province nationally, restated on the 2025 provinces when the file asks (the raw
 * rows are mapped to the new province before they are aggregated, so a merged province's ratio is
 * its parts' summed counts, never an average of their scores), and per department, district or
 * commune within its province. Self-assessed leaves take the province's form value for the year.
 * The pure {@link Scorer} evaluates each {@link ScoreGroup}, and {@link ScoreTables} turns the
 * results into {@code gold.score}, {@code gold.indicator_value}, {@code gold.ranking}, {@code
 * gold.rank_uncertainty} and {@code gold.score_change}.
 *
 * <pre>
 * fct_dossier_daily 70 2024-05 online 30 received 40  ─┐
 * assessment_value  70 2024    NTS.1  1               ─┼─► score: dti-2022-province 2024 70 HDCQS.1 value 1 (capped at 0.5) …
 * </pre>
 */
public final class MethodologyScoreJob {
  /** The scope of a national ranking of provinces. */
  public static final String NATIONAL = "VN";

  private static final String PROVINCE = "province";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MethodologyScoreJob.class);

  /** The columns of a leaf figure: one group, unit and leaf. */
  static final StructType FIGURE =
      new StructType()
          .add("boundaries", DataTypes.StringType)
          .add("unit_level", DataTypes.StringType)
          .add("scope_code", DataTypes.StringType)
          .add("unit_code", DataTypes.StringType)
          .add("period", DataTypes.StringType)
          .add("leaf_code", DataTypes.StringType)
          .add("numerator", DataTypes.DoubleType)
          .add("denominator", DataTypes.DoubleType);

  private static final String[] KEYS = {"_boundaries", "_level", "_scope", "_unit", "_period"};

  private MethodologyScoreJob() {}

  /** The ledger step of a methodology. */
  public static String step(Methodology m) {
    return Tables.GOLD_SCORE.name() + ":" + m.id();
  }

  /** The period of a {@code yyyy-MM} month column, at the methodology's period. */
  static Column period(Methodology m, Column month) {
    return switch (m.period()) {
      case "year" -> substring(month, 1, 4);
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
   * #FIGURE}). Pure, given the tables.
   */
  public static Dataset<Row> metricFigures(
      Methodology m, Function<String, Dataset<Row>> tables, ScoringUnits units) {
    return metricFigures(m, tables, units, Optional.empty());
  }

  /**
   * {@link #metricFigures}, only for the periods from {@code from} on when given. Metrics that read
   * the same table (joined alike, with the same month) are aggregated together, in one pass and one
   * shuffle, and each leaf then takes its metric's pair. A metric's filter goes into its aggregates
   * ({@code sum(x) FILTER (WHERE …)}) when each of them is one aggregate call, and a unit whose
   * rows all fail it gets no figure, as alone; a metric whose aggregates are compound keeps its
   * filter on the rows, shared only with metrics of the same filter. Each metric sees exactly the
   * rows and groups it would see alone.
   */
  static Dataset<Row> metricFigures(
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
  private static Map<RowSource, Map<String, List<String>>> bySource(Methodology m) {
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
  private record RowSource(
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
                .withColumn("_scope", lit(NATIONAL))
                .withColumn("_unit", col("province_code")));
      }
      if (m.boundaries().contains(Methodology.RESTATED)) {
        Dataset<Row> map = units.successorFrame(rows.sparkSession());
        out.add(
            rows.join(map, rows.col("province_code").equalTo(map.col("province_code")), "left")
                .drop(map.col("province_code"))
                .withColumn("_boundaries", lit(Methodology.RESTATED))
                .withColumn("_level", lit(PROVINCE))
                .withColumn("_scope", lit(NATIONAL))
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

  /**
   * Self-assessed figures: the value each province reported for each input leaf in the period's
   * year ({@link #FIGURE} rows, as reported, denominator 1). Yearly provincial methodologies only:
   * forms are filled once a year, by provinces. (Restated provinces take their parts' values: see
   * {@link #score}.)
   */
  public static List<Row> inputFigures(Methodology m, Dataset<Row> assessment, ScoringUnits units) {
    Map<String, List<String>> leavesByInput = inputLeaves(m);
    if (leavesByInput.isEmpty() || !m.period().equals("year") || !m.levels().contains(PROVINCE)) {
      return List.of();
    }
    List<Row> out = new ArrayList<>();
    for (Row r :
        assessment
            .where(col("indicator_code").isin(leavesByInput.keySet().toArray()))
            .select(
                col("unit_code"),
                col("year").cast(DataTypes.StringType),
                col("indicator_code"),
                col("value"))
            .collectAsList()) {
      for (String leaf : leavesByInput.get(r.getString(2))) {
        out.add(
            figure(
                Methodology.AS_REPORTED,
                PROVINCE,
                NATIONAL,
                r.getString(0),
                r.getString(1),
                leaf,
                r.getDouble(3),
                1.0));
      }
    }
    return out;
  }

  /** Input code → the leaves that read it. */
  static Map<String, List<String>> inputLeaves(Methodology m) {
    Map<String, List<String>> leavesByInput = new LinkedHashMap<>();
    for (Node leaf : m.leaves()) {
      if (leaf.source().orElseThrow() instanceof Node.Source.FromInput in) {
        leavesByInput.computeIfAbsent(in.indicatorCode(), k -> new ArrayList<>()).add(leaf.code());
      }
    }
    return leavesByInput;
  }

  /**
   * Scores every group: its units are the ones with a figure in it. Groups as reported first; then
   * the restated ones, where a new province's measured leaves come from its parts' summed counts
   * (already in the figures) and each self-assessed leaf is the mean of its parts' values as
   * reported (Decision 405/QĐ-BKHCN's rule for merged provinces: a form reports a rate or a yes/no,
   * not counts that could be summed; two parts answering yes and no give half the marks). Pure.
   */
  public static Map<ScoreGroup, ScoreSheet> score(
      Methodology m, List<Row> figures, ScoringUnits units) {
    Map<ScoreGroup, Map<String, Map<String, Observation>>> byGroup = new TreeMap<>();
    for (Row f : figures) {
      Double n = f.getAs("numerator");
      Double d = f.getAs("denominator");
      String unit = f.getAs("unit_code");
      if (!scorable(f)) {
        continue;
      }
      byGroup
          .computeIfAbsent(group(f), k -> new TreeMap<>())
          .computeIfAbsent(unit, k -> new LinkedHashMap<>())
          .put(f.getAs("leaf_code"), new Observation(BigDecimal.valueOf(n), BigDecimal.valueOf(d)));
    }
    Map<ScoreGroup, ScoreSheet> out = new TreeMap<>();
    Scorer scorer = new Scorer(m, Scorer.Missing.APPLY_POLICY);
    List<String> inputLeaves = inputLeaves(m).values().stream().flatMap(List::stream).toList();
    for (boolean restated : new boolean[] {false, true}) {
      byGroup.forEach(
          (g, byUnit) -> {
            if (g.boundaries().equals(Methodology.RESTATED) != restated) {
              return;
            }
            Optional<ScoreSheet> reported =
                restated
                    ? Optional.ofNullable(
                        out.get(
                            new ScoreGroup(
                                Methodology.AS_REPORTED, g.level(), g.scope(), g.period())))
                    : Optional.empty();
            List<UnitInput> inputs = new ArrayList<>();
            byUnit.forEach(
                (u, obs) ->
                    inputs.add(
                        new UnitInput(
                            u,
                            units.name(u, g.period(), g.boundaries()),
                            obs,
                            reported
                                .map(r -> partsMean(r, u, inputLeaves, units))
                                .orElse(Map.of()))));
            out.put(g, scorer.score(inputs));
          });
    }
    return out;
  }

  /** The mean of the parts' values of each self-assessed leaf, over the parts that have one. */
  private static Map<String, BigDecimal> partsMean(
      ScoreSheet reported, String unit, List<String> leaves, ScoringUnits units) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (String leaf : leaves) {
      List<BigDecimal> values = new ArrayList<>();
      for (String part : reported.scores().keySet()) {
        if (units.successor(part).equals(unit)) {
          reported.get(part, leaf).flatMap(s -> s.value()).ifPresent(values::add);
        }
      }
      if (!values.isEmpty()) {
        out.put(
            leaf,
            values.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), vn.dti.scoring.methodology.Rule.MC));
      }
    }
    return out;
  }

  /** The group of a {@link #FIGURE} row. */
  /** Whether a figure counts: it names its unit and period and has both of its numbers. */
  static boolean scorable(Row f) {
    return f.getAs("unit_code") != null
        && f.getAs("period") != null
        && f.getAs("numerator") != null
        && f.getAs("denominator") != null;
  }

  static ScoreGroup group(Row f) {
    return new ScoreGroup(
        f.getAs("boundaries"), f.getAs("unit_level"), f.getAs("scope_code"), f.getAs("period"));
  }

  public static StepResult run(JobContext ctx, Methodology m, Optional<StepRecord> last) {
    List<TableSpec> read = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Metric metric : m.metrics().values()) {
      for (String t :
          metric.join().isPresent()
              ? List.of(metric.table(), metric.join().get().table())
              : List.of(metric.table())) {
        if (seen.add(t)) {
          read.add(Tables.byName(t).orElseThrow());
        }
      }
    }
    for (TableSpec t :
        List.of(Tables.SILVER_ASSESSMENT_VALUE, Tables.GOLD_DIM_UNIT, Tables.SILVER_UNIT)) {
      if (seen.add(t.name())) {
        read.add(t);
      }
    }
    InputVersions inputs =
        InputVersions.current(ctx.tables(), read.toArray(TableSpec[]::new))
            .with("methodology:" + m.id(), m.ref().hash());
    if (inputs.sameAs(last) && ScoreTables.TABLES.stream().allMatch(ctx.tables()::exists)) {
      return StepResult.upToDate(
          "inputs and methodology unchanged",
          inputs,
          InputVersions.current(ctx.tables(), ScoreTables.TABLES.toArray(TableSpec[]::new)));
    }
    long started = System.nanoTime();
    Map<String, String> stored = storedDigests(last);
    boolean tablesExist = ScoreTables.TABLES.stream().allMatch(ctx.tables()::exists);
    boolean sameRules =
        last.isPresent()
            && inputs
                .of("methodology:" + m.id())
                .equals(last.get().inputVersions().of("methodology:" + m.id()))
            && tablesExist
            && !stored.isEmpty();
    Optional<String> from =
        sameRules
            ? ScoringWindow.firstChangedMonth(ctx, m, last.get().inputVersions(), inputs)
                .map(month -> ScoringWindow.firstPeriod(m, month))
            : Optional.empty();
    ResultStaging staging = new ResultStaging(ctx.tables(), step(m), FLUSH_ROWS);
    try {
      Gathered gathered = gather(ctx, m, inputs, from);
      String windowStart = from.orElse("");
      if (from.isPresent()
          && gathered.scorer().aSeriesStartsAfter(windowStart)
          && stored.keySet().stream().anyMatch(p -> p.compareTo(windowStart) < 0)) {
        // A series with nothing in the window's first period: the period it is compared with is
        // older than the window, so score everything.
        LOG.info("{}: a series has no figures for {}; scoring every period", m.id(), from.get());
        from = Optional.empty();
        gathered = gather(ctx, m, inputs, from);
      }
      ChunkScorer scorer = gathered.scorer();
      Map<String, String> periodDigests = new TreeMap<>(scorer.digests.result());
      if (from.isPresent()) {
        String first = from.get();
        stored.forEach(
            (p, d) -> {
              if (p.compareTo(first) < 0) {
                periodDigests.put(p, d);
              }
            });
      }
      Optional<List<String>> periods =
          tablesExist ? periodsToRewrite(m, last, inputs, periodDigests) : Optional.empty();
      // Only the rows of the periods rewritten are staged: the window's other periods are scored
      // as the base of a comparison, or found unchanged, and their rows would be thrown away.
      scorer.scoreAll(gathered.figures(), staging, periods);
      long scored = System.nanoTime();
      write(ctx, m, staging, periods);
      LOG.info(
          "{}: {} figures gathered and scored in {} s, written in {} s",
          m.id(),
          scorer.figures,
          seconds(scored - started),
          seconds(System.nanoTime() - scored));
      String window =
          from.map(
                  f ->
                      f.equals(ScoringWindow.NO_CHANGE)
                          ? "no metric's table changed; "
                          : "periods from " + f + " scored; ")
              .orElse("");
      String rewritten =
          periods
              .map(
                  p ->
                      p.isEmpty()
                          ? "no period changed"
                          : "period(s) rewritten: " + String.join(", ", abbreviate(p)))
              .orElse("every period rewritten");
      return StepResult.done(
          StepCounts.derived(
              scorer.figures,
              staging.rows(Tables.GOLD_SCORE, periods),
              scorer.summary() + "; " + window + rewritten),
          inputs,
          withDigests(
              InputVersions.current(ctx.tables(), ScoreTables.TABLES.toArray(TableSpec[]::new)),
              periodDigests));
    } finally {
      staging.close();
    }
  }

  /**
   * A methodology's figures, in scoring order and materialised (so that they can be read twice:
   * once for their digests, once to be scored), with the scorer that has read them once. (A local
   * checkpoint, not a cached plan: with {@code persist} the three methodologies' gathers ran one
   * after another at SF 1, as when Spark plans a query to cache while holding its cache's lock.)
   */
  private record Gathered(ChunkScorer scorer, Optional<Dataset<Row>> figures) {}

  /**
   * Gathers the figures (of the periods from {@code from} on, when given) and reads them once for
   * their digests. Tables are read at the versions recorded; scoring every period, a table that
   * several metrics share is read once and kept while they are aggregated.
   */
  private static Gathered gather(
      JobContext ctx, Methodology m, InputVersions inputs, Optional<String> from) {
    // How many passes read each table: one read once is not worth caching.
    Map<String, Long> uses = new java.util.HashMap<>();
    for (RowSource pass : bySource(m).keySet()) {
      uses.merge(pass.table(), 1L, Long::sum);
      pass.join().ifPresent(j -> uses.merge(j.table(), 1L, Long::sum));
    }
    Map<String, Dataset<Row>> cached = new LinkedHashMap<>();
    Function<String, Dataset<Row>> tables =
        t ->
            cached.computeIfAbsent(
                t,
                name -> {
                  TableSpec spec = Tables.byName(name).orElseThrow();
                  long v = inputs.versionOf(spec);
                  Dataset<Row> d = v < 0 ? ctx.tables().read(spec) : ctx.tables().readAt(spec, v);
                  // Windowed, each metric reads only the window's files: cheaper than caching all.
                  return from.isEmpty() && uses.getOrDefault(name, 0L) > 1 ? d.cache() : d;
                });
    try {
      ScoringUnits units = units(ctx, inputs, tables);
      Map<ScoreGroup, List<Row>> forms = new LinkedHashMap<>();
      for (Row r : inputFigures(m, tables.apply(Tables.SILVER_ASSESSMENT_VALUE.name()), units)) {
        if (from.isEmpty() || r.<String>getAs("period").compareTo(from.get()) >= 0) {
          forms.computeIfAbsent(group(r), k -> new ArrayList<>()).add(r);
        }
      }
      ChunkScorer scorer = new ChunkScorer(m, forms, units, inputs.text());
      Dataset<Row> metrics = metricFigures(m, tables, units, from);
      if (metrics == null) {
        return new Gathered(scorer, Optional.empty());
      }
      Dataset<Row> sorted =
          metrics
              .orderBy(
                  col("unit_level"),
                  col("scope_code"),
                  col("boundaries"),
                  col("period"),
                  col("unit_code"),
                  col("leaf_code"))
              .localCheckpoint();
      scorer.digestAll(sorted);
      return new Gathered(scorer, Optional.of(sorted));
    } finally {
      cached.values().forEach(Dataset::unpersist);
    }
  }

  /**
   * The units of the last gather, by the identities and versions of the two tables they come from:
   * the methodologies of a run (scored at the same time) read the same ones, once.
   */
  private static final Map<String, ScoringUnits> UNITS = new java.util.HashMap<>();

  /** The units at the recorded versions: read by the first gather, the others wait for them. */
  private static ScoringUnits units(
      JobContext ctx, InputVersions inputs, Function<String, Dataset<Row>> tables) {
    java.util.function.Supplier<ScoringUnits> read =
        () ->
            ScoringUnits.from(
                tables.apply(Tables.GOLD_DIM_UNIT.name()), tables.apply(Tables.SILVER_UNIT.name()));
    long dim = inputs.versionOf(Tables.GOLD_DIM_UNIT);
    long unit = inputs.versionOf(Tables.SILVER_UNIT);
    if (dim < 0 || unit < 0) {
      return read.get();
    }
    String key =
        String.join(
            "|",
            ctx.tables().tableId(Tables.GOLD_DIM_UNIT) + "@" + dim,
            ctx.tables().tableId(Tables.SILVER_UNIT) + "@" + unit);
    synchronized (UNITS) {
      ScoringUnits u = UNITS.get(key);
      if (u == null) {
        u = read.get();
        UNITS.clear();
        UNITS.put(key, u);
      }
      return u;
    }
  }

  /** The figure digests the last run recorded, by period. */
  private static Map<String, String> storedDigests(Optional<StepRecord> last) {
    Map<String, String> stored = new TreeMap<>();
    last.ifPresent(
        l ->
            l.outputVersions()
                .versions()
                .forEach(
                    (k, v) -> {
                      if (k.startsWith(DIGEST)) {
                        stored.put(k.substring(DIGEST.length()), v);
                      }
                    }));
    return stored;
  }

  /** The most files one scoring table's write makes. */
  private static final int MAX_FILES = 64;

  /** How many result rows are buffered on the driver before they are staged. */
  private static final int FLUSH_ROWS = 200_000;

  /**
   * Scores the figures chunk by chunk, one (level, scope) at a time: every period of a series, both
   * boundaries (a restated group reads its parts' reported sheet), with the forms of its groups
   * (forms only count for the periods the facts cover: a form alone does not open a period). The
   * figures come to the driver in that order, streamed, and only one chunk's figures and rows are
   * held at a time; the rows go to the staging, the figures to the period digests.
   */
  private static final class ChunkScorer {
    private final Methodology m;
    private final Map<ScoreGroup, List<Row>> forms;
    private final ScoringUnits units;
    private final String versions;
    private final PeriodDigests digests = new PeriodDigests();
    private final Map<String, String> firstPeriodOfSeries = new java.util.HashMap<>();
    private long figures;
    private long groups;
    private long unitPeriods;
    private final long[] results = new long[ScoreTables.TABLES.size()];

    ChunkScorer(
        Methodology m, Map<ScoreGroup, List<Row>> forms, ScoringUnits units, String versions) {
      this.m = m;
      this.forms = forms;
      this.units = units;
      this.versions = versions;
    }

    /** The first pass: each chunk's period digests, and the first period of each series. */
    void digestAll(Dataset<Row> sorted) {
      forEachChunk(
          sorted,
          chunk -> {
            digests.add(chunk);
            for (Row f : chunk) {
              // The groups that score() makes a sheet for.
              if (scorable(f)) {
                ScoreGroup g = group(f);
                firstPeriodOfSeries.merge(
                    String.join("|", g.boundaries(), g.level(), g.scope()),
                    g.period(),
                    (a, b) -> a.compareTo(b) <= 0 ? a : b);
              }
            }
            figures += chunk.size();
          });
    }

    /**
     * The second pass: scores every chunk and stages the rows of the periods given (of every period
     * when empty).
     */
    void scoreAll(
        Optional<Dataset<Row>> sorted, ResultStaging staging, Optional<List<String>> periods) {
      Optional<Set<String>> keep = periods.map(Set::copyOf);
      sorted.ifPresent(
          s ->
              forEachChunk(
                  s,
                  chunk -> {
                    Map<ScoreGroup, ScoreSheet> sheets = score(m, chunk, units);
                    java.util.function.Predicate<String> kept =
                        p -> keep.map(k -> k.contains(p)).orElse(true);
                    ScoreTables rows = ScoreTables.of(m, sheets, chunk, versions, kept);
                    for (int i = 0; i < results.length; i++) {
                      results[i] += rows.rowsOf(ScoreTables.TABLES.get(i)).size();
                    }
                    staging.add(rows, kept);
                    groups += sheets.size();
                    unitPeriods += sheets.values().stream().mapToLong(x -> x.scores().size()).sum();
                  }));
      staging.finish();
    }

    /**
     * Streams the figures to the driver in scoring order, one (level, scope) at a time: every
     * period of a series, both boundaries (a restated group reads its parts' reported sheet), with
     * the forms of its groups (forms only count for the periods the facts cover: a form alone does
     * not open a period).
     */
    private void forEachChunk(Dataset<Row> sorted, java.util.function.Consumer<List<Row>> action) {
      java.util.Iterator<Row> it = sorted.toLocalIterator();
      List<Row> chunk = new ArrayList<>();
      while (it.hasNext()) {
        Row f = it.next();
        if (!chunk.isEmpty() && !sameChunk(chunk.get(0), f)) {
          action.accept(withForms(chunk));
          chunk = new ArrayList<>();
        }
        chunk.add(f);
      }
      if (!chunk.isEmpty()) {
        action.accept(withForms(chunk));
      }
    }

    private static boolean sameChunk(Row a, Row b) {
      return java.util.Objects.equals(a.getAs("unit_level"), b.getAs("unit_level"))
          && java.util.Objects.equals(a.getAs("scope_code"), b.getAs("scope_code"));
    }

    private List<Row> withForms(List<Row> metricRows) {
      List<Row> chunk = new ArrayList<>(metricRows);
      Set<ScoreGroup> seen = new java.util.TreeSet<>();
      for (Row f : metricRows) {
        if (f.getAs("scope_code") != null && f.getAs("period") != null) {
          seen.add(group(f));
        }
      }
      seen.forEach(g -> chunk.addAll(forms.getOrDefault(g, List.of())));
      return chunk;
    }

    /** Whether some series' first period scored is later than {@code period}. */
    boolean aSeriesStartsAfter(String period) {
      return firstPeriodOfSeries.values().stream().anyMatch(p -> p.compareTo(period) > 0);
    }

    /** The step's message. */
    String summary() {
      return groups
          + " group(s) of units and periods, "
          + unitPeriods
          + " unit-period(s) scored; written: "
          + results[ScoreTables.TABLES.indexOf(Tables.GOLD_RANKING)]
          + " ranks, "
          + results[ScoreTables.TABLES.indexOf(Tables.GOLD_RANK_UNCERTAINTY)]
          + " rank intervals, "
          + results[ScoreTables.TABLES.indexOf(Tables.GOLD_SCORE_CHANGE)]
          + " change contributions";
    }
  }

  private static InputVersions withDigests(InputVersions outputs, Map<String, String> digests) {
    InputVersions out = outputs;
    for (Map.Entry<String, String> d : digests.entrySet()) {
      out = out.with(DIGEST + d.getKey(), d.getValue());
    }
    return out;
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }

  /** The ledger entry holding a period's figure digest: {@code figures:2024-05}. */
  private static final String DIGEST = "figures:";

  /**
   * A digest of each period's figures (every group, unit and leaf with its numerator and
   * denominator), recorded with the step's outputs so the next run can tell which periods changed
   * without reading the scores back.
   */
  static Map<String, String> periodDigests(List<Row> figures) {
    PeriodDigests d = new PeriodDigests();
    d.add(figures);
    return d.result();
  }

  /**
   * {@link #periodDigests} fed chunk by chunk: each chunk's lines are sorted, and the chunks come
   * in a fixed order (level, scope), so the same figures always give the same digests.
   */
  static final class PeriodDigests {
    private final Map<String, java.security.MessageDigest> byPeriod = new TreeMap<>();

    void add(List<Row> figures) {
      Map<String, List<String>> lines = new TreeMap<>();
      for (Row f : figures) {
        Double n = f.getAs("numerator");
        Double d = f.getAs("denominator");
        if (!scorable(f)) {
          continue;
        }
        lines
            .computeIfAbsent(f.getAs("period"), k -> new ArrayList<>())
            .add(
                String.join(
                    "|",
                    f.<String>getAs("boundaries"),
                    f.<String>getAs("unit_level"),
                    f.<String>getAs("scope_code"),
                    f.<String>getAs("unit_code"),
                    f.<String>getAs("leaf_code"),
                    String.valueOf(n),
                    String.valueOf(d)));
      }
      lines.forEach(
          (period, l) -> {
            java.util.Collections.sort(l);
            java.security.MessageDigest md = byPeriod.computeIfAbsent(period, k -> sha256());
            for (String line : l) {
              md.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
          });
    }

    Map<String, String> result() {
      Map<String, String> out = new TreeMap<>();
      byPeriod.forEach(
          (p, md) -> out.put(p, java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16)));
      return out;
    }

    private static java.security.MessageDigest sha256() {
      try {
        return java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }

  /**
   * The periods whose rows must be rewritten, or empty when all must be (first run, another
   * methodology file, units renamed or remapped, no digests from the last run): those whose figure
   * digest differs from the last run's, and the period after each (its previous-period columns and
   * its change decomposition read the changed one). Periods no longer covered are rewritten with
   * nothing.
   */
  static Optional<List<String>> periodsToRewrite(
      Methodology m, Optional<StepRecord> last, InputVersions inputs, Map<String, String> digests) {
    if (last.isEmpty()) {
      return Optional.empty();
    }
    for (String everything :
        List.of("methodology:" + m.id(), Tables.GOLD_DIM_UNIT.name(), Tables.SILVER_UNIT.name())) {
      if (!inputs.of(everything).equals(last.get().inputVersions().of(everything))) {
        return Optional.empty();
      }
    }
    Map<String, String> stored = storedDigests(last);
    if (stored.isEmpty() && !digests.isEmpty()) {
      return Optional.empty();
    }
    java.util.TreeSet<String> all = new java.util.TreeSet<>(stored.keySet());
    all.addAll(digests.keySet());
    java.util.TreeSet<String> rewrite = new java.util.TreeSet<>();
    for (String p : all) {
      if (!java.util.Objects.equals(stored.get(p), digests.get(p))) {
        rewrite.add(p);
        String next = all.higher(p);
        if (next != null) {
          rewrite.add(next);
        }
      }
    }
    return Optional.of(List.copyOf(rewrite));
  }

  private static List<String> abbreviate(List<String> periods) {
    return periods.size() <= 6
        ? periods
        : List.of(periods.get(0), "…", periods.get(periods.size() - 1));
  }

  /**
   * The methodology's staged rows, replaced concurrently (one commit per table): its whole
   * partition, or only the periods given.
   */
  private static void write(
      JobContext ctx, Methodology m, ResultStaging staging, Optional<List<String>> periods) {
    if (periods.isPresent() && periods.get().isEmpty()) {
      ScoreTables.TABLES.forEach(ctx.tables()::createIfMissing);
      return;
    }
    Map<String, List<String>> where = new LinkedHashMap<>();
    where.put("methodology_id", List.of(m.id()));
    periods.ifPresent(p -> where.put("period", p));
    List<Runnable> writes = new ArrayList<>();
    for (TableSpec t : ScoreTables.TABLES) {
      // One file per period (each period is a partition; in a table of an earlier release, not yet
      // repartitioned by dti maintain, Delta then skips the other periods' files by their min/max).
      int files = Math.max(1, Math.min(MAX_FILES, staging.periods(t, periods)));
      writes.add(
          () ->
              ctx.tables()
                  .replaceWhere(
                      t,
                      staging.staged(t, periods).repartitionByRange(files, col("period")),
                      where));
    }
    ConcurrentWrites.run("the scores of " + m.id(), writes);
  }

  /** A row in the {@link #FIGURE} layout, for tests and callers that build figures by hand. */
  public static Row figure(
      String boundaries,
      String level,
      String scope,
      String unit,
      String period,
      String leaf,
      double numerator,
      double denominator) {
    return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
        new Object[] {boundaries, level, scope, unit, period, leaf, numerator, denominator},
        FIGURE);
  }
}
