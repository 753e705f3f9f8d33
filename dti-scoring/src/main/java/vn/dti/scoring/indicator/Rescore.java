package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.RunLedger;
import vn.dti.warehouse.job.StepRecord;

/**
 * Recomputes one period of a methodology from the Delta versions its rows name (or those a run
 * recorded), by time travel, and compares the result with the stored rows, table by table and row
 * by row; optionally replaces them. The scoring is the nightly one ({@link MethodologyScoreJob}'s
 * gather and {@link ChunkScorer}), so a published number is reproduced by the same code from the
 * same inputs, the input versions stamped on each row included.
 *
 * <pre>
 * dti rescore --methodology qd766 --period 2024-11 --as-of run-1
 *   gold.score  1,512 stored, 1,512 rescored: identical
 * </pre>
 */
public final class Rescore {
  private Rescore() {}

  /**
   * One table's comparison.
   *
   * @param onlyStored rows stored that the rescoring did not give
   * @param onlyRescored rows the rescoring gave that are not stored
   */
  public record Comparison(long stored, long rescored, long onlyStored, long onlyRescored) {
    public boolean identical() {
      return onlyStored == 0 && onlyRescored == 0 && stored == rescored;
    }
  }

  /**
   * What a rescoring found.
   *
   * @param versions the input versions the period was rescored from
   * @param tables each scoring table's comparison, in {@link ScoreTables#TABLES} order
   * @param written whether the stored rows were replaced
   */
  public record Result(InputVersions versions, Map<TableSpec, Comparison> tables, boolean written) {
    public boolean identical() {
      return tables.values().stream().allMatch(Comparison::identical);
    }
  }

  /**
   * Rescores {@code period} of {@code file} (in the period's kind).
   *
   * @param asOfRun a run id: the versions that run's scoring step read, compared with the rows as
   *     that run left them; empty: the versions the stored rows of the period name, compared with
   *     those rows
   * @param write replace the stored rows of the period with the rescored ones
   * @throws WarehouseException when the period is not one of the file's, nothing names its
   *     versions, or a version is no longer kept
   */
  public static Result run(
      JobContext ctx, Methodology file, String period, Optional<String> asOfRun, boolean write) {
    Methodology m;
    try {
      m = file.forPeriod(period);
    } catch (IllegalArgumentException e) {
      throw new WarehouseException("Nothing to rescore: " + e.getMessage());
    }
    Optional<StepRecord> run = asOfRun.map(id -> stepOfRun(ctx, m, id));
    InputVersions versions =
        run.map(StepRecord::inputVersions).orElseGet(() -> versionsOfRows(ctx, m, period));
    String stamped = versions.of("methodology:" + m.id()).orElse("");
    if (!stamped.equals(m.ref().hash())) {
      throw new WarehouseException(
          period
              + " of "
              + m.id()
              + " was scored with another version of its file (SHA-256 "
              + abbreviated(stamped)
              + "; the registry's is "
              + abbreviated(m.ref().hash())
              + "): rescoring it with this one would not reproduce it");
    }
    ResultStaging staging =
        new ResultStaging(
            ctx.tables(), MethodologyScoreJob.step(m) + ":rescore", MethodologyScoreJob.FLUSH_ROWS);
    try {
      MethodologyScoreJob.Gathered gathered;
      try {
        gathered = MethodologyScoreJob.gather(ctx, m, versions, Optional.empty());
      } catch (RuntimeException e) {
        throw new WarehouseException(
            "Cannot read the inputs of "
                + m.id()
                + " "
                + period
                + " at the versions "
                + versions.text()
                + " (a version older than the retention of dti maintain is gone): "
                + vn.dti.warehouse.WarehouseErrors.rootMessage(e),
            e);
      }
      Optional<List<String>> only = Optional.of(List.of(period));
      gathered.scorer().scoreAll(gathered.figures(), staging, only);
      Map<TableSpec, Comparison> tables = new LinkedHashMap<>();
      for (TableSpec t : ScoreTables.TABLES) {
        Dataset<Row> rescored = staging.staged(t, only).select(columns(t));
        Dataset<Row> stored =
            storedRows(ctx, t, run)
                .map(
                    d ->
                        d.where(
                                col("methodology_id")
                                    .equalTo(m.id())
                                    .and(col("period").equalTo(period)))
                            .select(columns(t)))
                .orElse(rescored.limit(0));
        tables.put(
            t,
            new Comparison(
                stored.count(),
                rescored.count(),
                stored.exceptAll(rescored).count(),
                rescored.exceptAll(stored).count()));
      }
      if (write) {
        List<Runnable> writes = new ArrayList<>();
        for (TableSpec t : ScoreTables.TABLES) {
          writes.add(
              () ->
                  ctx.tables()
                      .replaceWhere(
                          t,
                          staging.staged(t, only),
                          Map.of("methodology_id", List.of(m.id()), "period", List.of(period))));
        }
        vn.dti.warehouse.table.ConcurrentWrites.run(
            "the rescored " + m.id() + " " + period, writes);
      }
      return new Result(versions, tables, write);
    } finally {
      staging.close();
    }
  }

  /** The versions the stored rows of the period name (one set: a period is written at once). */
  private static InputVersions versionsOfRows(JobContext ctx, Methodology m, String period) {
    List<String> named =
        ctx.tables().exists(Tables.GOLD_SCORE)
            ? ctx.tables()
                .read(Tables.GOLD_SCORE)
                .where(col("methodology_id").equalTo(m.id()).and(col("period").equalTo(period)))
                .select("input_versions")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()
            : List.of();
    if (named.isEmpty()) {
      throw new WarehouseException(
          "No stored rows of " + m.id() + " for " + period + ": nothing to rescore");
    }
    if (named.size() > 1) {
      throw new WarehouseException(
          "The rows of "
              + m.id()
              + " "
              + period
              + " name "
              + named.size()
              + " sets of input versions; give --as-of RUN_ID");
    }
    return InputVersions.parse(named.get(0));
  }

  /** A scoring table as it is, or as a run's scoring step left it. */
  private static Optional<Dataset<Row>> storedRows(
      JobContext ctx, TableSpec t, Optional<StepRecord> run) {
    if (!ctx.tables().exists(t)) {
      return Optional.empty();
    }
    if (run.isEmpty()) {
      return Optional.of(ctx.tables().read(t));
    }
    long v = run.get().outputVersions().versionOf(t);
    return v < 0 ? Optional.empty() : Optional.of(ctx.tables().readAt(t, v));
  }

  /** A run's scoring step of this methodology (and kind). */
  private static StepRecord stepOfRun(JobContext ctx, Methodology m, String runId) {
    String step = MethodologyScoreJob.step(m);
    return new RunLedger(ctx.tables())
        .run(runId).stream()
            .filter(r -> r.step().equals(step) && r.status() != StepRecord.Status.FAILED)
            .findFirst()
            .orElseThrow(
                () ->
                    new WarehouseException(
                        "Run " + runId + " has no successful step " + step + " in ops.job_run"));
  }

  private static org.apache.spark.sql.Column[] columns(TableSpec t) {
    return java.util.Arrays.stream(t.schema().fieldNames())
        .map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }

  private static String abbreviated(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash.isEmpty() ? "unknown" : hash;
  }
}
