package vn.dti.warehouse.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.TableStore;

/**
 * The run ledger {@code ops.job_run}: one row per step of every run, append-only.
 *
 * <p>Every step asks for its last success before it starts. Rather than one query of the ledger per
 * step, the latest success of every step is read once and kept with the ledger version it reflects;
 * this instance's own appends keep it current, and any other commit to the ledger (a full rebuild
 * recorded by another instance, another process) is noticed by the version and read again. Safe to
 * share between the threads of steps run together.
 */
public final class RunLedger {
  private final TableStore tables;

  /** The latest success of each step (full rebuilds included), as of {@link #knownVersion}. */
  private Map<String, StepRecord> successes;

  /** The ledger version {@link #successes} reflects; meaningless while that is null. */
  private long knownVersion;

  public RunLedger(TableStore tables) {
    this.tables = tables;
  }

  /** Appends one step's record (one Delta commit). */
  public synchronized void record(StepRecord r) {
    append(r);
    long after = version();
    if (successes != null && after == knownVersion + 1) {
      // Exactly one commit since the ledger was last read: this one.
      remember(successes, r);
      knownVersion = after;
    } else {
      successes = null;
    }
  }

  private void append(StepRecord r) {
    Row row =
        RowFactory.create(
            r.runId(),
            r.step(),
            r.status().name(),
            Timestamp.from(r.startedAt()),
            r.seconds(),
            r.counts().read(),
            r.counts().accepted(),
            r.counts().quarantined(),
            r.counts().duplicate(),
            r.counts().written(),
            r.inputVersions().text(),
            r.outputVersions().text(),
            r.counts().message());
    tables.append(
        Tables.OPS_JOB_RUN,
        tables.spark().createDataFrame(List.of(row), Tables.OPS_JOB_RUN.schema()));
  }

  /**
   * The ledger row a full rebuild writes before it empties the derived tables. A step's success
   * older than the latest such row does not count, so every step after a rebuild (in the same run,
   * or in the next one if the rebuild stopped halfway) works from all of its inputs.
   */
  public static final String FULL_REBUILD = "full-rebuild";

  /**
   * The latest successful execution of {@code step} since the latest full rebuild (skips do not
   * count: they did no work).
   */
  public synchronized Optional<StepRecord> lastSuccess(String step) {
    long now = version();
    if (successes == null || now != knownVersion) {
      successes = latestSuccesses(now);
      knownVersion = now;
    }
    StepRecord rebuild = successes.get(FULL_REBUILD);
    if (step.equals(FULL_REBUILD)) {
      return Optional.ofNullable(rebuild);
    }
    StepRecord success = successes.get(step);
    if (success == null
        || (rebuild != null && !rebuild.startedAt().isBefore(success.startedAt()))) {
      return Optional.empty();
    }
    return Optional.of(success);
  }

  /** The ledger's version, or -1 before its first commit. */
  private long version() {
    return tables.version(Tables.OPS_JOB_RUN).orElse(-1L);
  }

  /** Each step's latest success in the ledger at {@code version}, by step. */
  private Map<String, StepRecord> latestSuccesses(long version) {
    Map<String, StepRecord> out = new HashMap<>();
    if (version < 0) {
      return out;
    }
    tables
        .readAt(Tables.OPS_JOB_RUN, version)
        .where(col("status").equalTo(StepRecord.Status.SUCCESS.name()))
        .withColumn(
            "_n",
            row_number().over(Window.partitionBy(col("step")).orderBy(col("started_at").desc())))
        .where(col("_n").equalTo(1))
        .drop("_n")
        .collectAsList()
        .forEach(row -> remember(out, toRecord(row)));
    return out;
  }

  /** Keeps {@code r} as its step's latest success if it is one and is the latest. */
  private static void remember(Map<String, StepRecord> successes, StepRecord r) {
    if (r.status() != StepRecord.Status.SUCCESS) {
      return;
    }
    // As stored: the ledger keeps microseconds, so compare what a fresh read would compare.
    StepRecord stored =
        new StepRecord(
            r.runId(),
            r.step(),
            r.status(),
            r.startedAt().truncatedTo(ChronoUnit.MICROS),
            r.seconds(),
            r.counts(),
            r.inputVersions(),
            r.outputVersions());
    successes.merge(
        r.step(), stored, (old, now) -> now.startedAt().isBefore(old.startedAt()) ? old : now);
  }

  /** The most recent step records, newest first. */
  public List<StepRecord> recent(int limit) {
    return tables
        .read(Tables.OPS_JOB_RUN)
        .orderBy(col("started_at").desc())
        .limit(limit)
        .collectAsList()
        .stream()
        .map(RunLedger::toRecord)
        .toList();
  }

  /** All step records of one run, in execution order. */
  public List<StepRecord> run(String runId) {
    return tables
        .read(Tables.OPS_JOB_RUN)
        .where(col("run_id").equalTo(runId))
        .orderBy(col("started_at"))
        .collectAsList()
        .stream()
        .map(RunLedger::toRecord)
        .toList();
  }

  private static StepRecord toRecord(Row r) {
    StepCounts counts =
        new StepCounts(
            r.getAs("rows_read"),
            r.getAs("rows_accepted"),
            r.getAs("rows_quarantined"),
            r.getAs("rows_duplicate"),
            r.getAs("rows_written"),
            r.getAs("message"));
    return new StepRecord(
        r.getAs("run_id"),
        r.getAs("step"),
        StepRecord.Status.valueOf(r.getAs("status")),
        ((Timestamp) r.getAs("started_at")).toInstant(),
        r.getAs("seconds"),
        counts,
        InputVersions.parse(r.getAs("input_versions")),
        InputVersions.parse(r.getAs("output_versions")));
  }
}
