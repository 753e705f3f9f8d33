package vn.dti.warehouse.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.TableStore;

/**
 * The run ledger {@code ops.job_run}: one row per step of every run, append-only.
 *
 * <p>Every step asks for its last success before it starts. Rather than one query of the ledger per
 * step, the latest success of every step is read once and kept with the ledger version it reflects;
 * this instance's own appends keep it current, and any other commit to the ledger (a full rebuild
 * recorded by another instance, another process) is noticed by the version and read again.
 *
 * <p>A success can be recorded {@linkplain #recordLater later}: it is known to {@link #lastSuccess}
 * at once and appended by a background writer, every record waiting in one commit, when a record
 * comes once the {@linkplain #DEFAULT_COMMIT_INTERVAL commit interval} has passed since the last
 * commit began (so a nightly run of a few minutes commits its twenty-odd step records in three or
 * four commits rather than one each, and the ledger's table gets that many fewer files and log
 * entries). {@link #flush} writes what waits and waits for the writer; the end of a run, a failure,
 * a synchronous {@link #record} and the reads of whole runs flush first, so the ledger's order is
 * the order of recording. Records still waiting when the process dies are lost: the steps they
 * describe then run again in the next run and, being idempotent, find their work done or redo it.
 * Safe to share between the threads of steps run together.
 */
public final class RunLedger {
  private final TableStore tables;

  /** The latest success of each step (full rebuilds included), as of {@link #knownVersion}. */
  private Map<String, StepRecord> successes;

  /** The ledger version {@link #successes} reflects; meaningless while that is null. */
  private long knownVersion;

  /** Records not yet committed, in order (those being written included). */
  private final List<StepRecord> pending = new ArrayList<>();

  /** The background append in progress, if any. */
  private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);

  /** Why the last background append failed, until a flush reports it. */
  private RuntimeException writeFailure;

  /**
   * How long after a commit began the next one may start: a minute. A record recorded later is
   * committed by the first {@link #recordLater} or {@link #flush} after that, with every record
   * then waiting; so a process that dies loses the records of the steps since the last commit (they
   * run again), and a short run commits only a few times.
   */
  public static final java.time.Duration DEFAULT_COMMIT_INTERVAL = java.time.Duration.ofMinutes(1);

  private final long commitIntervalNanos;

  private final java.util.function.LongSupplier nanoClock;

  /** When the last commit was started (or this ledger made), by {@link #nanoClock}. */
  private long lastCommitStarted;

  public RunLedger(TableStore tables) {
    this(tables, DEFAULT_COMMIT_INTERVAL, System::nanoTime);
  }

  /**
   * @param commitInterval how long after a commit began the next may start (zero: each record is
   *     committed as soon as the writer is free)
   * @param nanoClock the clock that interval is measured by, in nanoseconds
   */
  public RunLedger(
      TableStore tables,
      java.time.Duration commitInterval,
      java.util.function.LongSupplier nanoClock) {
    this.tables = tables;
    this.commitIntervalNanos = commitInterval.toNanos();
    this.nanoClock = nanoClock;
    this.lastCommitStarted = nanoClock.getAsLong();
  }

  /** Appends one step's record now (after any waiting ones): one Delta commit. */
  public void record(StepRecord r) {
    recordLater(r);
    flush();
  }

  /**
   * Records a step: {@link #lastSuccess} knows it at once, the ledger's table gets it from a
   * background append (see the class comment).
   */
  public synchronized void recordLater(StepRecord r) {
    if (successes != null) {
      remember(successes, r);
    }
    pending.add(r);
    if (writing.isDone() && nanoClock.getAsLong() - lastCommitStarted >= commitIntervalNanos) {
      startWriter();
    }
  }

  /** Starts the background writer; the caller holds this ledger's lock and the writer is idle. */
  private void startWriter() {
    lastCommitStarted = nanoClock.getAsLong();
    writing = CompletableFuture.runAsync(this::drain, WRITER);
  }

  /**
   * Waits until every record is in the ledger's table.
   *
   * @throws WarehouseException when a background append failed (its records are kept for the next
   *     record or flush to try again)
   */
  public void flush() {
    while (true) {
      CompletableFuture<Void> current;
      synchronized (this) {
        if (writeFailure != null) {
          RuntimeException e = writeFailure;
          writeFailure = null;
          // The records stay pending: the next record or flush tries again.
          throw WarehouseErrors.ledgerWrite(pending.size(), e);
        }
        if (pending.isEmpty() && writing.isDone()) {
          return;
        }
        if (writing.isDone()) {
          startWriter();
        }
        current = writing;
      }
      current.join();
    }
  }

  /**
   * The background writer: appends what is pending in one commit. What is recorded meanwhile waits
   * for the next interval, or for a {@link #flush}, which starts the writer again until none is.
   */
  private void drain() {
    List<StepRecord> batch;
    synchronized (this) {
      if (pending.isEmpty() || writeFailure != null) {
        return;
      }
      batch = List.copyOf(pending);
    }
    try {
      append(batch);
    } catch (RuntimeException e) {
      synchronized (this) {
        writeFailure = e;
      }
      return;
    }
    long after;
    try {
      after = version();
    } catch (RuntimeException e) {
      // The rows are in: the version is only for the cache, which is read again next time.
      after = Long.MIN_VALUE;
    }
    synchronized (this) {
      pending.subList(0, batch.size()).clear();
      if (successes != null && after == knownVersion + 1) {
        // Exactly one commit since the ledger was last read: this one.
        knownVersion = after;
      } else {
        successes = null;
      }
    }
  }

  /** One thread for every ledger: the appends of a process are few and short. */
  private static final java.util.concurrent.Executor WRITER =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "dti-ledger-writer");
            t.setDaemon(true);
            return t;
          });

  private void append(List<StepRecord> records) {
    List<Row> rows = new ArrayList<>();
    for (StepRecord r : records) {
      rows.add(
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
              r.counts().message()));
    }
    tables.append(
        Tables.OPS_JOB_RUN, tables.spark().createDataFrame(rows, Tables.OPS_JOB_RUN.schema()));
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
  public Optional<StepRecord> lastSuccess(String step) {
    long now = version();
    CompletableFuture<Void> current;
    synchronized (this) {
      current = successes != null && now != knownVersion ? writing : null;
    }
    if (current != null && !current.isDone()) {
      // The version moved: perhaps only by this ledger's own append, which the writer is about to
      // account for. Let it finish before deciding to read the ledger again.
      current.exceptionally(e -> null).join();
      now = version();
    }
    synchronized (this) {
      return lastSuccess(step, now);
    }
  }

  private Optional<StepRecord> lastSuccess(String step, long now) {
    if (successes == null || now != knownVersion) {
      successes = latestSuccesses(now);
      // What is not committed yet (or was committed after the version read) is known all the same.
      pending.forEach(r -> remember(successes, r));
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
    flush();
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
    flush();
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
