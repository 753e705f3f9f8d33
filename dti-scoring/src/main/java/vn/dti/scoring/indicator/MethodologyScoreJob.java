package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Metric;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.table.ConcurrentWrites;

/**
 * Scores a methodology file over the warehouse, at every level and period the facts cover: the
 * nightly step {@code gold.score:<id>}. It decides what to score (the inputs' versions against the
 * last run's, {@link ScoringWindow}'s first changed period, the {@link PeriodDigests}), gathers the
 * {@link MetricFigures} and {@link InputFigures}, lets the {@link ChunkScorer} score them group by
 * group ({@link GroupScoring}) into {@link ResultStaging}, and writes the periods that changed of
 * {@code gold.score}, {@code gold.indicator_value}, {@code gold.ranking}, {@code
 * gold.rank_uncertainty} and {@code gold.score_change} ({@link ScoreTables}).
 *
 * <pre>
 * fct_dossier_daily 70 2024-05 online 30 received 40  ─┐
 * assessment_value  70 2024    NTS.1  1               ─┼─► score: dti-2022-province 2024 70 HDCQS.1 value 1 (capped at 0.5) …
 * </pre>
 */
public final class MethodologyScoreJob {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MethodologyScoreJob.class);

  private MethodologyScoreJob() {}

  /** The ledger step of a methodology. */
  public static String step(Methodology m) {
    return Tables.GOLD_SCORE.name() + ":" + m.id() + (m.mainKind() ? "" : ":" + m.period());
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
    Map<String, String> stored = PeriodDigests.stored(last);
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
      Map<String, String> periodDigests = new TreeMap<>(scorer.digests());
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
          tablesExist
              ? PeriodDigests.periodsToRewrite(m, last, inputs, periodDigests)
              : Optional.empty();
      // Only the rows of the periods rewritten are staged: the window's other periods are scored
      // as the base of a comparison, or found unchanged, and their rows would be thrown away.
      scorer.scoreAll(gathered.figures(), staging, periods);
      long scored = System.nanoTime();
      write(ctx, m, staging, periods);
      LOG.info(
          "{}: {} figures gathered and scored in {} s, written in {} s",
          m.id(),
          scorer.figures(),
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
              scorer.figures(),
              staging.rows(Tables.GOLD_SCORE, periods),
              scorer.summary() + "; " + window + rewritten),
          inputs,
          PeriodDigests.recorded(
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
  record Gathered(ChunkScorer scorer, Optional<Dataset<Row>> figures) {}

  /**
   * Gathers the figures (of the periods from {@code from} on, when given) and reads them once for
   * their digests. Tables are read at the versions recorded; scoring every period, a table that
   * several metrics share is read once and kept while they are aggregated.
   */
  static Gathered gather(
      JobContext ctx, Methodology m, InputVersions inputs, Optional<String> from) {
    // How many passes read each table: one read once is not worth caching.
    Map<String, Long> uses = new HashMap<>();
    for (MetricFigures.RowSource pass : MetricFigures.bySource(m).keySet()) {
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
      Map<ScoreGroup, List<Figure>> forms = new LinkedHashMap<>();
      for (Figure f : InputFigures.of(m, tables.apply(Tables.SILVER_ASSESSMENT_VALUE.name()))) {
        if (from.isEmpty() || f.period().compareTo(from.get()) >= 0) {
          forms.computeIfAbsent(f.group(), k -> new ArrayList<>()).add(f);
        }
      }
      ChunkScorer scorer = new ChunkScorer(m, forms, units, inputs.text());
      Dataset<Row> metrics = MetricFigures.of(m, tables, units, from);
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
  private static final Map<String, ScoringUnits> UNITS = new HashMap<>();

  /** The units at the recorded versions: read by the first gather, the others wait for them. */
  private static ScoringUnits units(
      JobContext ctx, InputVersions inputs, Function<String, Dataset<Row>> tables) {
    Supplier<ScoringUnits> read =
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

  /** The most files one scoring table's write makes. */
  private static final int MAX_FILES = 64;

  /** How many result rows are buffered on the driver before they are staged. */
  static final int FLUSH_ROWS = 200_000;

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
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
    List<Runnable> writes = new ArrayList<>();
    for (TableSpec t : ScoreTables.TABLES) {
      Map<String, List<String>> where = new LinkedHashMap<>();
      where.put("methodology_id", List.of(m.id()));
      if (periods.isPresent()) {
        where.put("period", periods.get());
      } else if (m.periodKinds().size() > 1) {
        // The methodology's other kinds of period share its partition: only this kind's periods,
        // those scored now and those stored before, are replaced.
        where.put("period", periodsOfKind(ctx, t, m, staging.stagedPeriods(t)));
      }
      // One file per period (each period is a partition; in a table of an earlier release, not yet
      // repartitioned by dti maintain, Delta then skips the other periods' files by their min/max).
      int files = Math.max(1, Math.min(MAX_FILES, staging.periods(t, periods)));
      writes.add(
          () -> {
            if (where.containsKey("period") && where.get("period").isEmpty()) {
              ctx.tables().createIfMissing(t);
            } else {
              ctx.tables()
                  .replaceWhere(
                      t,
                      staging.staged(t, periods).repartitionByRange(files, col("period")),
                      where);
            }
          });
    }
    ConcurrentWrites.run("the scores of " + m.id(), writes);
  }

  /** The periods of the methodology's kind: those staged and those the table holds. */
  private static List<String> periodsOfKind(
      JobContext ctx, TableSpec t, Methodology m, Set<String> staged) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>(staged);
    if (ctx.tables().exists(t)) {
      for (Row r :
          ctx.tables()
              .read(t)
              .where(col("methodology_id").equalTo(m.id()))
              .select("period")
              .distinct()
              .collectAsList()) {
        String p = r.getString(0);
        if (p != null && vn.dti.scoring.methodology.Periods.kind(p).equals(m.period())) {
          out.add(p);
        }
      }
    }
    return List.copyOf(out);
  }
}
