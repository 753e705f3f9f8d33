package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.scoring.explain.Contribution;
import vn.dti.scoring.explain.ScoreChange;
import vn.dti.scoring.explain.UnitChange;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Metric;
import vn.dti.scoring.methodology.Node;
import vn.dti.scoring.score.NodeScore;
import vn.dti.scoring.score.Observation;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Scorer;
import vn.dti.scoring.score.UnitInput;
import vn.dti.scoring.uncertainty.MonteCarloRanking;
import vn.dti.scoring.uncertainty.Perturbation;
import vn.dti.scoring.uncertainty.RankInterval;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * Scores a methodology file over the warehouse, for provinces, every period the facts cover: each
 * metric leaf's numerator and denominator are aggregated from its gold (or silver) table per
 * province and period, each self-assessed leaf takes the province's form value for the year, the
 * pure {@link Scorer} evaluates the tree, and the results go to {@code gold.score} (every node and
 * aggregate, ranked), {@code gold.rank_uncertainty} (the total's rank under perturbed weights) and
 * {@code gold.score_change} (the total's change since the previous period, split by node).
 *
 * <pre>
 * fct_dossier_daily 70 2024-05 online 30 received 40  ─┐
 * assessment_value  70 2024    NTS.1  1               ─┼─► score: dti-2022-province 2024 70 HDCQS.1 value 1 (capped at 0.5) …
 * </pre>
 */
public final class MethodologyScoreJob {
  private static final String LEVEL = "province";

  /** The columns of a leaf figure: one unit, period and leaf. */
  static final org.apache.spark.sql.types.StructType FIGURE =
      new org.apache.spark.sql.types.StructType()
          .add("unit_code", DataTypes.StringType)
          .add("period", DataTypes.StringType)
          .add("leaf_code", DataTypes.StringType)
          .add("numerator", DataTypes.DoubleType)
          .add("denominator", DataTypes.DoubleType);

  private MethodologyScoreJob() {}

  /** The ledger step of a methodology. */
  public static String step(Methodology m) {
    return Tables.GOLD_SCORE.name() + ":" + m.id();
  }

  /** The period column of a fact table's {@code month}, at the methodology's period. */
  static Column period(Methodology m) {
    return switch (m.period()) {
      case "year" -> substring(col("month"), 1, 4);
      case "quarter" ->
          concat(
              substring(col("month"), 1, 4),
              lit("-Q"),
              ceil(substring(col("month"), 6, 2).cast(DataTypes.IntegerType).divide(3))
                  .cast(DataTypes.StringType));
      default -> col("month");
    };
  }

  /**
   * Metric figures: one row per (unit_code, period, leaf_code) with numerator and denominator.
   * Pure, given the tables.
   */
  public static Dataset<Row> metricFigures(Methodology m, Function<String, Dataset<Row>> tables) {
    Dataset<Row> out = null;
    for (Node leaf : m.leaves()) {
      if (!(leaf.source().orElseThrow() instanceof Node.Source.FromMetric fm)) {
        continue;
      }
      Metric metric = m.metrics().get(fm.metric());
      Dataset<Row> rows = tables.apply(metric.table());
      for (String needed : List.of("province_code", "month")) {
        if (!Arrays.asList(rows.columns()).contains(needed)) {
          throw new WarehouseException(
              "Methodology "
                  + m.id()
                  + ", metric "
                  + metric.name()
                  + " (line "
                  + metric.line()
                  + "): "
                  + metric.table()
                  + " has no column "
                  + needed
                  + "; provincial metrics need a fact table with province_code and month");
        }
      }
      if (metric.filter().isPresent()) {
        rows = rows.where(expr(metric.filter().get()));
      }
      Dataset<Row> f =
          rows.groupBy(col("province_code").as("unit_code"), period(m).as("period"))
              .agg(
                  expr(metric.numerator()).cast(DataTypes.DoubleType).as("numerator"),
                  expr(metric.denominator()).cast(DataTypes.DoubleType).as("denominator"))
              .withColumn("leaf_code", lit(leaf.code()));
      out = out == null ? f : out.unionByName(f);
    }
    return out;
  }

  /**
   * Self-assessed figures: the value each province reported for each input leaf in the period's
   * year; one row per (unit_code, period, leaf_code), denominator 1. Yearly methodologies only:
   * forms are filled once a year.
   */
  public static List<Row> inputFigures(Methodology m, Dataset<Row> assessment) {
    Map<String, List<String>> leavesByInput = new LinkedHashMap<>();
    for (Node leaf : m.leaves()) {
      if (leaf.source().orElseThrow() instanceof Node.Source.FromInput in) {
        leavesByInput.computeIfAbsent(in.indicatorCode(), k -> new ArrayList<>()).add(leaf.code());
      }
    }
    if (leavesByInput.isEmpty() || !m.period().equals("year")) {
      return List.of();
    }
    List<Row> out = new ArrayList<>();
    for (Row r :
        assessment
            .where(col("indicator_code").isin(leavesByInput.keySet().toArray()))
            .select("unit_code", "year", "indicator_code", "value")
            .collectAsList()) {
      for (String leaf : leavesByInput.get(r.getString(2))) {
        out.add(
            new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                new Object[] {
                  r.getString(0), String.valueOf(r.getInt(1)), leaf, r.getDouble(3), 1.0
                },
                FIGURE));
      }
    }
    return out;
  }

  /** Scores every period: units are the provinces with a figure in that period. Pure. */
  public static Map<String, ScoreSheet> score(
      Methodology m, List<Row> figures, Map<String, String> names) {
    Map<String, Map<String, Map<String, Observation>>> byPeriod = new TreeMap<>();
    for (Row f : figures) {
      String unit = f.getAs("unit_code");
      String period = f.getAs("period");
      Double n = f.getAs("numerator");
      Double d = f.getAs("denominator");
      if (unit == null || period == null || n == null || d == null) {
        continue;
      }
      byPeriod
          .computeIfAbsent(period, k -> new TreeMap<>())
          .computeIfAbsent(unit, k -> new LinkedHashMap<>())
          .put(f.getAs("leaf_code"), new Observation(BigDecimal.valueOf(n), BigDecimal.valueOf(d)));
    }
    Map<String, ScoreSheet> out = new TreeMap<>();
    Scorer scorer = new Scorer(m, Scorer.Missing.APPLY_POLICY);
    byPeriod.forEach(
        (period, units) -> {
          List<UnitInput> inputs = new ArrayList<>();
          units.forEach(
              (u, obs) -> inputs.add(new UnitInput(u, names.getOrDefault(u, u), obs, Map.of())));
          out.put(period, scorer.score(inputs));
        });
    return out;
  }

  public static StepResult run(JobContext ctx, Methodology m, Optional<StepRecord> last) {
    List<TableSpec> read = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Metric metric : m.metrics().values()) {
      if (seen.add(metric.table())) {
        read.add(Tables.byName(metric.table()).orElseThrow());
      }
    }
    read.add(Tables.SILVER_ASSESSMENT_VALUE);
    read.add(Tables.GOLD_DIM_UNIT);
    InputVersions inputs =
        InputVersions.current(ctx.tables(), read.toArray(TableSpec[]::new))
            .with("methodology:" + m.id(), m.ref().hash());
    List<TableSpec> outputs =
        List.of(Tables.GOLD_SCORE, Tables.GOLD_RANK_UNCERTAINTY, Tables.GOLD_SCORE_CHANGE);
    if (inputs.sameAs(last) && outputs.stream().allMatch(ctx.tables()::exists)) {
      return StepResult.upToDate(
          "inputs and methodology unchanged",
          inputs,
          InputVersions.current(ctx.tables(), outputs.toArray(TableSpec[]::new)));
    }
    List<Row> figures = new ArrayList<>();
    Dataset<Row> metrics = metricFigures(m, t -> ctx.tables().read(Tables.byName(t).orElseThrow()));
    if (metrics != null) {
      figures.addAll(metrics.collectAsList());
    }
    // Forms only count for the years the facts cover: a form alone does not open a period.
    Set<String> periods = new HashSet<>();
    figures.forEach(f -> periods.add(f.getAs("period")));
    for (Row r : inputFigures(m, ctx.tables().read(Tables.SILVER_ASSESSMENT_VALUE))) {
      if (periods.contains(r.getString(1))) {
        figures.add(r);
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    ctx.tables()
        .read(Tables.GOLD_DIM_UNIT)
        .where(col("unit_level").equalTo(LEVEL))
        .select("unit_code", "unit_name")
        .collectAsList()
        .forEach(r -> names.putIfAbsent(r.getString(0), r.getString(1)));
    Map<String, ScoreSheet> sheets = score(m, figures, names);
    String versions = inputs.text();
    List<Row> scoreRows = new ArrayList<>();
    Map<String, Map<String, Row>> figureOf = new LinkedHashMap<>();
    for (Row f : figures) {
      figureOf
          .computeIfAbsent(
              f.getAs("period") + "|" + f.getAs("unit_code"), k -> new LinkedHashMap<>())
          .put(f.getAs("leaf_code"), f);
    }
    List<Row> uncertainty = new ArrayList<>();
    List<Row> changes = new ArrayList<>();
    String previousPeriod = null;
    for (Map.Entry<String, ScoreSheet> e : sheets.entrySet()) {
      String period = e.getKey();
      ScoreSheet sheet = e.getValue();
      for (NodeScore s : sheet.all()) {
        scoreRows.add(
            scoreRow(m, period, sheet, s, figureOf.get(period + "|" + s.unitCode()), versions));
      }
      uncertainty.addAll(uncertaintyRows(m, period, sheet));
      if (previousPeriod != null) {
        for (UnitChange c : ScoreChange.between(sheets.get(previousPeriod), sheet, 4)) {
          for (Contribution k : c.contributions()) {
            changes.add(
                RowFactory.create(
                    m.id(),
                    period,
                    previousPeriod,
                    c.unitCode(),
                    k.code(),
                    k.previous(),
                    k.current(),
                    k.change(),
                    c.change()));
          }
        }
      }
      previousPeriod = period;
    }
    replace(ctx, Tables.GOLD_SCORE, scoreRows, m);
    replace(ctx, Tables.GOLD_RANK_UNCERTAINTY, uncertainty, m);
    replace(ctx, Tables.GOLD_SCORE_CHANGE, changes, m);
    return StepResult.done(
        StepCounts.derived(
            figures.size(),
            scoreRows.size(),
            sheets.size()
                + " period(s), "
                + sheets.values().stream().mapToInt(s -> s.scores().size()).sum()
                + " unit-period(s) scored; "
                + uncertainty.size()
                + " rank intervals, "
                + changes.size()
                + " change contributions"),
        inputs,
        InputVersions.current(ctx.tables(), outputs.toArray(TableSpec[]::new)));
  }

  private static void replace(JobContext ctx, TableSpec t, List<Row> rows, Methodology m) {
    ctx.tables()
        .replaceWhere(
            t, ctx.spark().createDataFrame(rows, t.schema()), "methodology_id", List.of(m.id()));
  }

  private static Row scoreRow(
      Methodology m,
      String period,
      ScoreSheet sheet,
      NodeScore s,
      Map<String, Row> figures,
      String versions) {
    Optional<Node> node = m.node(s.code());
    Optional<vn.dti.scoring.methodology.Aggregate> aggregate =
        m.aggregates().stream().filter(x -> x.code().equals(s.code())).findFirst();
    BigDecimal max = node.map(Node::maxPoints).orElseGet(() -> aggregate.orElseThrow().maxPoints());
    String nameVi = node.map(Node::nameVi).orElseGet(() -> aggregate.orElseThrow().nameVi());
    Row f = figures == null ? null : figures.get(s.code());
    return RowFactory.create(
        m.id(),
        m.ref().hash(),
        period,
        LEVEL,
        s.unitCode(),
        sheet.unitNames().get(s.unitCode()),
        s.code(),
        nameVi,
        f == null ? null : f.getAs("numerator"),
        f == null ? null : f.getAs("denominator"),
        s.value().map(BigDecimal::doubleValue).orElse(null),
        s.points().map(p -> p.setScale(4, RoundingMode.HALF_UP)).orElse(null),
        max.setScale(4, RoundingMode.HALF_UP),
        s.published().map(p -> p.setScale(4, RoundingMode.HALF_UP)).orElse(null),
        s.rank().orElse(null),
        s.basis().name(),
        m.target(s.code()).flatMap(t -> s.value().map(t::judge)).orElse(null),
        versions);
  }

  private static List<Row> uncertaintyRows(Methodology m, String period, ScoreSheet sheet) {
    String root = m.root().code();
    List<String> units = new ArrayList<>();
    List<Integer> ranks = new ArrayList<>();
    List<double[]> given = new ArrayList<>();
    MonteCarloRanking mc = new MonteCarloRanking(m);
    double[][] all = mc.givenValues(sheet);
    List<String> order = List.copyOf(sheet.scores().keySet());
    for (int i = 0; i < order.size(); i++) {
      Optional<Integer> r = sheet.get(order.get(i), root).flatMap(NodeScore::rank);
      if (r.isPresent()) {
        units.add(order.get(i));
        ranks.add(r.get());
        given.add(all[i]);
      }
    }
    if (units.isEmpty()) {
      return List.of();
    }
    long seed = seed(m, period);
    Perturbation p = Perturbation.standard(seed);
    List<Row> out = new ArrayList<>();
    for (RankInterval ri :
        mc.run(
            units,
            given.toArray(double[][]::new),
            ranks.stream().mapToInt(Integer::intValue).toArray(),
            p)) {
      out.add(
          RowFactory.create(
              m.id(),
              m.ref().hash(),
              period,
              ri.unitCode(),
              root,
              ri.rank(),
              ri.medianRank(),
              ri.p05(),
              ri.p95(),
              p.draws(),
              p.seed(),
              p.spread()));
    }
    return out;
  }

  /** A seed fixed by the methodology's content and the period: re-running reproduces it. */
  static long seed(Methodology m, String period) {
    byte[] h = (m.ref().hash() + "|" + period).getBytes(StandardCharsets.UTF_8);
    long s = 1125899906842597L;
    for (byte b : h) {
      s = 31 * s + b;
    }
    return s;
  }
}
