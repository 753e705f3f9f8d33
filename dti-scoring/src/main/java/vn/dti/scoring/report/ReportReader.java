package vn.dti.scoring.report;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.table.TableStore;

/**
 * Reads what a workbook shows from the gold tables, each at the Delta version given, into plain
 * {@link ReportData}: the scores of the scope over the periods of the trend (and the one before,
 * for the targets' trend), and the period's ranks, rank intervals and change contributions.
 */
public final class ReportReader {
  /** The tables a workbook is built from. */
  public static final List<TableSpec> TABLES =
      List.of(
          Tables.GOLD_SCORE,
          Tables.GOLD_RANKING,
          Tables.GOLD_RANK_UNCERTAINTY,
          Tables.GOLD_SCORE_CHANGE,
          Tables.GOLD_DIM_UNIT,
          Tables.GOLD_FCT_DOSSIER_DAILY);

  /** What has been scored: one methodology, boundaries, period and scope with rows. */
  public record Scored(String methodologyId, String boundaries, String period, String scopeCode) {}

  private final TableStore tables;
  private final InputVersions versions;

  public ReportReader(TableStore tables, InputVersions versions) {
    this.tables = tables;
    this.versions = versions;
  }

  private Optional<Dataset<Row>> table(TableSpec t) {
    long v = versions.versionOf(t);
    return v < 0 ? Optional.empty() : Optional.of(tables.readAt(t, v));
  }

  /** Every (methodology, boundaries, period, scope) of {@code gold.score}. */
  public List<Scored> scored() {
    List<Scored> out = new ArrayList<>();
    table(Tables.GOLD_SCORE)
        .ifPresent(
            s -> {
              for (Row r :
                  s.select("methodology_id", "boundaries", "period", "scope_code")
                      .distinct()
                      .collectAsList()) {
                out.add(new Scored(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
              }
            });
    return out;
  }

  /** The last day the dossier facts cover: a period ending after it is not complete. */
  public Optional<LocalDate> lastDataDay() {
    return table(Tables.GOLD_FCT_DOSSIER_DAILY)
        .flatMap(
            t -> {
              Row r = t.agg(org.apache.spark.sql.functions.max("received_date")).first();
              return r.isNullAt(0)
                  ? Optional.empty()
                  : Optional.of(((java.sql.Date) r.get(0)).toLocalDate());
            });
  }

  /** Province codes and names of {@code gold.dim_unit}, both eras. */
  public Map<String, String> provinces() {
    if (provinces != null) {
      return provinces;
    }
    Map<String, String> out = new java.util.TreeMap<>();
    table(Tables.GOLD_DIM_UNIT)
        .ifPresent(
            t -> {
              for (Row r : t.select("province_code", "province_name").distinct().collectAsList()) {
                out.putIfAbsent(r.getString(0), r.getString(1));
              }
            });
    provinces = java.util.Collections.unmodifiableMap(out);
    return provinces;
  }

  /** The rows of one methodology, boundaries and period, by scope: read once, shared. */
  private record Slice(
      Map<String, List<Row>> scores,
      Map<String, List<Row>> ranking,
      Map<String, List<Row>> intervals,
      Map<String, List<Row>> changes) {}

  private record SliceKey(String methodologyId, String boundaries, String period) {}

  private final Map<SliceKey, Slice> slices = new java.util.HashMap<>();
  private Map<String, String> provinces;

  private Slice slice(Methodology m, ReportRequest request) {
    return slices.computeIfAbsent(
        new SliceKey(m.id(), request.boundaries(), request.period().code()),
        k -> {
          ReportPeriod period = request.period();
          List<String> periods = new ArrayList<>();
          period.lastPeriods(CommitteeReport.TREND_PERIODS + 1).forEach(p -> periods.add(p.code()));
          Column same =
              col("methodology_id")
                  .equalTo(m.id())
                  .and(col("boundaries").equalTo(request.boundaries()));
          Column now = same.and(col("period").equalTo(period.code()));
          // Every node of the period and the one before (the tables compare them); only the
          // total over the trend's periods (a province set of unit-level rows is large at scale).
          Column scores =
              same.and(
                  col("period")
                      .isin(period.code(), period.previous().code())
                      .or(
                          col("node_code")
                              .equalTo(m.root().code())
                              .and(col("period").isin(periods.toArray()))));
          return new Slice(
              rows(Tables.GOLD_SCORE, scores),
              rows(Tables.GOLD_RANKING, now),
              rows(Tables.GOLD_RANK_UNCERTAINTY, now),
              rows(Tables.GOLD_SCORE_CHANGE, now));
        });
  }

  /**
   * The rows of a table that {@code where} selects, by scope (looked up by name once, not per row).
   */
  private Map<String, List<Row>> rows(TableSpec t, Column where) {
    Map<String, List<Row>> out = new java.util.HashMap<>();
    table(t)
        .ifPresent(
            d -> {
              List<Row> rows = d.where(where).collectAsList();
              if (!rows.isEmpty()) {
                int scope = rows.get(0).fieldIndex("scope_code");
                for (Row r : rows) {
                  out.computeIfAbsent(r.getString(scope), k -> new ArrayList<>()).add(r);
                }
              }
            });
    return out;
  }

  /**
   * The data of one workbook. Workbooks of the same methodology, boundaries and period share one
   * read of each table.
   */
  public ReportData read(
      Methodology m, ReportRequest request, ZonedDateTime generatedAt, String issuer) {
    Slice slice = slice(m, request);
    String scope = request.scope().scopeCode();
    String period = request.period().code();
    List<ScoreFact> scores = new ArrayList<>();
    String hash = m.ref().hash();
    for (Row r : slice.scores().getOrDefault(scope, List.of())) {
      ScoreFact f = score(r);
      scores.add(f);
      if (f.period().equals(period)) {
        hash = r.getAs("methodology_hash");
      }
    }
    scores.sort(
        java.util.Comparator.comparing(ScoreFact::period)
            .thenComparing(ScoreFact::level)
            .thenComparing(ScoreFact::unitCode)
            .thenComparing(f -> m.codes().indexOf(f.nodeCode())));
    List<RankFact> ranking =
        slice.ranking().getOrDefault(scope, List.of()).stream()
            .map(
                r ->
                    new RankFact(
                        r.getAs("unit_level"),
                        r.getAs("unit_code"),
                        r.getAs("node_code"),
                        r.getAs("score"),
                        r.<Integer>getAs("rank"),
                        r.<Integer>getAs("units_ranked"),
                        Optional.ofNullable(r.getAs("previous_period")),
                        Optional.ofNullable(r.getAs("previous_rank"))))
            .toList();
    List<IntervalFact> intervals =
        slice.intervals().getOrDefault(scope, List.of()).stream()
            .map(
                r ->
                    new IntervalFact(
                        r.getAs("unit_level"),
                        r.getAs("unit_code"),
                        r.<Integer>getAs("p05_rank"),
                        r.<Integer>getAs("p95_rank"),
                        r.<Double>getAs("median_rank")))
            .toList();
    List<ChangeFact> changes =
        slice.changes().getOrDefault(scope, List.of()).stream()
            .map(
                r ->
                    new ChangeFact(
                        r.getAs("unit_level"),
                        r.getAs("unit_code"),
                        r.getAs("previous_period"),
                        r.getAs("node_code"),
                        r.getAs("previous_points"),
                        r.getAs("current_points"),
                        r.getAs("contribution"),
                        r.getAs("total_change")))
            .toList();
    Map<String, Long> read = new LinkedHashMap<>();
    for (TableSpec t :
        List.of(
            Tables.GOLD_SCORE,
            Tables.GOLD_RANKING,
            Tables.GOLD_RANK_UNCERTAINTY,
            Tables.GOLD_SCORE_CHANGE)) {
      read.put(t.name(), versions.versionOf(t));
    }
    Optional<String> scopeName =
        request.scope().provinceCode().map(c -> provinces().getOrDefault(c, c));
    return new ReportData(
        request,
        scopeName,
        m,
        hash,
        read,
        scores,
        ranking,
        intervals,
        changes,
        generatedAt,
        issuer);
  }

  private static ScoreFact score(Row r) {
    return new ScoreFact(
        r.getAs("period"),
        r.getAs("unit_level"),
        r.getAs("unit_code"),
        r.getAs("unit_name"),
        r.getAs("node_code"),
        r.getAs("node_name_vi"),
        Optional.ofNullable(r.<Double>getAs("numerator")),
        Optional.ofNullable(r.<Double>getAs("denominator")),
        Optional.ofNullable(r.<Double>getAs("value")),
        Optional.ofNullable(r.<BigDecimal>getAs("points")),
        r.getAs("max_points"),
        Optional.ofNullable(r.<BigDecimal>getAs("published")),
        Optional.ofNullable(r.<Integer>getAs("rank")),
        r.getAs("basis"),
        Optional.ofNullable(r.getAs("target_status")),
        Optional.ofNullable(r.getAs("trend")));
  }
}
