package vn.dti.scoring.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import vn.dti.scoring.explain.Contribution;
import vn.dti.scoring.explain.ScoreChange;
import vn.dti.scoring.explain.UnitChange;
import vn.dti.scoring.methodology.Aggregate;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Node;
import vn.dti.scoring.score.NodeScore;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Trend;
import vn.dti.scoring.uncertainty.MonteCarloRanking;
import vn.dti.scoring.uncertainty.Perturbation;
import vn.dti.scoring.uncertainty.RankInterval;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;

/**
 * The rows a methodology's scoring writes, built from its score sheets without Spark: every node's
 * score with its trend against the previous period, the measured indicators, the rankings of the
 * total, its groups and the aggregates with the previous period's rank, the total's Monte-Carlo
 * rank interval, and the change of the total split by node with each unit's gains and losses
 * ordered (its top gains are the rows with {@code gain_rank} 1, 2, 3). Each row is stamped with the
 * methodology's id and content hash (and, where the catalog asks, the Delta versions read).
 */
public record ScoreTables(
    List<Row> score,
    List<Row> indicator,
    List<Row> ranking,
    List<Row> uncertainty,
    List<Row> change) {
  /** The tables written, in this order. */
  public static final List<TableSpec> TABLES =
      List.of(
          Tables.GOLD_SCORE,
          Tables.GOLD_INDICATOR_VALUE,
          Tables.GOLD_RANKING,
          Tables.GOLD_RANK_UNCERTAINTY,
          Tables.GOLD_SCORE_CHANGE);

  /** The schemas of {@link #TABLES}, built once: a result has tens of thousands of rows. */
  private static final List<org.apache.spark.sql.types.StructType> SCHEMAS =
      TABLES.stream().map(TableSpec::schema).toList();

  private static final int STORED_SCALE = 4;

  /** The rows for one of {@link #TABLES}. */
  public List<Row> rowsOf(TableSpec t) {
    return List.of(score, indicator, ranking, uncertainty, change).get(TABLES.indexOf(t));
  }

  /** Builds every table's rows. Pure. */
  public static ScoreTables of(
      Methodology m, Map<ScoreGroup, ScoreSheet> sheets, List<Figure> figures, String versions) {
    return of(m, sheets, figures, versions, period -> true);
  }

  /**
   * Builds the rows of the periods kept. The other sheets still serve as the previous period of the
   * next one (trends, rank changes, the change split), but none of their rows is built: a night
   * scores the period before the first one it rewrites only to compare with it, and its rank
   * intervals (Monte-Carlo draws) would be thrown away. Pure.
   */
  public static ScoreTables of(
      Methodology m,
      Map<ScoreGroup, ScoreSheet> sheets,
      List<Figure> figures,
      String versions,
      java.util.function.Predicate<String> keepPeriod) {
    Map<ScoreGroup, Map<String, Map<String, Figure>>> figureOf = new HashMap<>();
    for (Figure f : figures) {
      figureOf
          .computeIfAbsent(f.group(), k -> new HashMap<>())
          .computeIfAbsent(f.unit(), k -> new HashMap<>())
          .put(f.leaf(), f);
    }
    List<String> ranked = new ArrayList<>();
    ranked.add(m.root().code());
    ranked.addAll(m.root().children());
    m.aggregates().forEach(a -> ranked.add(a.code()));
    ScoreTables out =
        new ScoreTables(
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    ScoreGroup previous = null;
    for (Map.Entry<ScoreGroup, ScoreSheet> e : sheets.entrySet()) {
      ScoreGroup g = e.getKey();
      ScoreSheet sheet = e.getValue();
      Optional<ScoreGroup> before = Optional.ofNullable(previous).filter(p -> p.sameSeries(g));
      previous = g;
      if (!keepPeriod.test(g.period())) {
        continue;
      }
      Optional<ScoreSheet> prev = before.map(sheets::get);
      Map<String, Map<String, Figure>> figs = figureOf.getOrDefault(g, Map.of());
      for (NodeScore s : sheet.all()) {
        Optional<NodeScore> was = prev.flatMap(p -> p.get(s.unitCode(), s.code()));
        Figure f = figs.getOrDefault(s.unitCode(), Map.of()).get(s.code());
        out.score.add(scoreRow(m, g, sheet, s, f, was, versions));
        if (f != null
            && m.node(s.code()).flatMap(Node::source).orElse(null)
                instanceof Node.Source.FromMetric fm) {
          out.indicator.add(indicatorRow(m, g, s, f, fm.metric(), versions));
        }
      }
      for (String code : ranked) {
        out.ranking.addAll(rankingRows(m, g, sheet, code, before, prev, versions));
      }
      out.uncertainty.addAll(uncertaintyRows(m, g, sheet));
      if (prev.isPresent()) {
        for (UnitChange c : ScoreChange.between(prev.get(), sheet, STORED_SCALE)) {
          int n = c.contributions().size();
          List<Contribution> gains = c.topGains(n);
          List<Contribution> losses = c.topLosses(n);
          for (Contribution k : c.contributions()) {
            out.change.add(
                scored(
                    Tables.GOLD_SCORE_CHANGE,
                    m,
                    g,
                    c.unitCode(),
                    before.get().period(),
                    k.code(),
                    k.previous(),
                    k.current(),
                    k.change(),
                    c.change(),
                    gains.contains(k) ? gains.indexOf(k) + 1 : null,
                    losses.contains(k) ? losses.indexOf(k) + 1 : null));
          }
        }
      }
    }
    return out;
  }

  private static BigDecimal maxOf(Methodology m, String code) {
    return m.node(code)
        .map(Node::maxPoints)
        .orElseGet(() -> aggregate(m, code).maxPoints())
        .setScale(STORED_SCALE, RoundingMode.HALF_UP);
  }

  private static String nameOf(Methodology m, String code) {
    return m.node(code).map(Node::nameVi).orElseGet(() -> aggregate(m, code).nameVi());
  }

  private static Aggregate aggregate(Methodology m, String code) {
    return m.aggregates().stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
  }

  private static BigDecimal stored(BigDecimal v) {
    return v.setScale(STORED_SCALE, RoundingMode.HALF_UP);
  }

  private static Row scoreRow(
      Methodology m,
      ScoreGroup g,
      ScoreSheet sheet,
      NodeScore s,
      Figure figure,
      Optional<NodeScore> was,
      String versions) {
    Optional<BigDecimal> previousValue = was.flatMap(NodeScore::value);
    return scored(
        Tables.GOLD_SCORE,
        m,
        g,
        s.unitCode(),
        sheet.unitNames().get(s.unitCode()),
        s.code(),
        nameOf(m, s.code()),
        figure == null ? null : figure.numerator(),
        figure == null ? null : figure.denominator(),
        s.value().map(BigDecimal::doubleValue).orElse(null),
        s.points().map(ScoreTables::stored).orElse(null),
        maxOf(m, s.code()),
        s.published().map(ScoreTables::stored).orElse(null),
        s.rank().orElse(null),
        s.basis().name(),
        m.target(s.code()).flatMap(t -> s.value().map(t::judge)).orElse(null),
        previousValue.map(BigDecimal::doubleValue).orElse(null),
        Trend.label(previousValue, s.value()).orElse(null),
        versions);
  }

  private static Row indicatorRow(
      Methodology m, ScoreGroup g, NodeScore s, Figure f, String metric, String versions) {
    double n = f.numerator();
    double d = f.denominator();
    return scored(
        Tables.GOLD_INDICATOR_VALUE,
        m,
        g,
        s.unitCode(),
        s.code(),
        nameOf(m, s.code()),
        metric,
        n,
        d,
        d == 0 ? null : n / d,
        s.points().map(ScoreTables::stored).orElse(null),
        maxOf(m, s.code()),
        versions);
  }

  private static List<Row> rankingRows(
      Methodology m,
      ScoreGroup g,
      ScoreSheet sheet,
      String code,
      Optional<ScoreGroup> before,
      Optional<ScoreSheet> prev,
      String versions) {
    List<NodeScore> ranked = new ArrayList<>();
    for (String unit : sheet.scores().keySet()) {
      sheet.get(unit, code).filter(s -> s.rank().isPresent()).ifPresent(ranked::add);
    }
    List<Row> out = new ArrayList<>();
    for (NodeScore s : ranked) {
      Optional<NodeScore> was =
          prev.flatMap(p -> p.get(s.unitCode(), code)).filter(p -> p.rank().isPresent());
      Optional<Integer> previousRank = was.flatMap(NodeScore::rank);
      out.add(
          scored(
              Tables.GOLD_RANKING,
              m,
              g,
              code,
              nameOf(m, code),
              s.unitCode(),
              sheet.unitNames().get(s.unitCode()),
              stored(s.published().orElseThrow()),
              s.rank().orElseThrow(),
              ranked.size(),
              was.isPresent() ? before.orElseThrow().period() : null,
              was.flatMap(NodeScore::published).map(ScoreTables::stored).orElse(null),
              previousRank.orElse(null),
              previousRank.map(r -> r - s.rank().orElseThrow()).orElse(null),
              versions));
    }
    return out;
  }

  private static List<Row> uncertaintyRows(Methodology m, ScoreGroup g, ScoreSheet sheet) {
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
    Perturbation p = Perturbation.standard(seed(m, g));
    List<Row> out = new ArrayList<>();
    for (RankInterval ri :
        mc.run(
            units,
            given.toArray(double[][]::new),
            ranks.stream().mapToInt(Integer::intValue).toArray(),
            p)) {
      out.add(
          scored(
              Tables.GOLD_RANK_UNCERTAINTY,
              m,
              g,
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

  /**
   * A row of a scoring table: the methodology, its hash and the group (boundaries, period, level,
   * scope) the catalog puts first, then {@code rest}.
   */
  private static Row scored(TableSpec t, Methodology m, ScoreGroup g, Object... rest) {
    Object[] values = new Object[6 + rest.length];
    values[0] = m.id();
    values[1] = m.ref().hash();
    values[2] = g.boundaries();
    values[3] = g.period();
    values[4] = g.level();
    values[5] = g.scope();
    System.arraycopy(rest, 0, values, 6, rest.length);
    return row(t, values);
  }

  /** A row of the table, with its schema (so values can be read by name). */
  private static Row row(TableSpec t, Object... values) {
    org.apache.spark.sql.types.StructType schema = SCHEMAS.get(TABLES.indexOf(t));
    if (values.length != schema.size()) {
      throw new IllegalStateException(
          t.name() + " has " + schema.size() + " columns, not " + values.length);
    }
    return new GenericRowWithSchema(values, schema);
  }

  /** A seed fixed by the methodology's content and the group: re-running reproduces it. */
  static long seed(Methodology m, ScoreGroup g) {
    byte[] h =
        String.join("|", m.ref().hash(), g.boundaries(), g.level(), g.scope(), g.period())
            .getBytes(StandardCharsets.UTF_8);
    long s = 1125899906842597L;
    for (byte b : h) {
      s = 31 * s + b;
    }
    return s;
  }
}
