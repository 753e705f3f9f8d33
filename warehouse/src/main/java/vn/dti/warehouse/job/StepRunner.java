package vn.dti.warehouse.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.WarehouseException;

/**
 * Runs one step: times it, logs one line, checks that its counts reconcile and records it in the
 * ledger, failed steps included (a success through the ledger's background writer, a failure at
 * once). Whoever owns the ledger {@linkplain RunLedger#flush flushes} it when the steps are done.
 */
public final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger("vn.dti.step");

  /** The body of a step. It receives the step's last successful record, to decide what is new. */
  @FunctionalInterface
  public interface StepBody {
    StepResult execute(Optional<StepRecord> lastSuccess);
  }

  private final JobContext context;
  private final RunLedger ledger;

  public StepRunner(JobContext context, RunLedger ledger) {
    this.context = context;
    this.ledger = ledger;
  }

  /**
   * Runs {@code body} as step {@code step}.
   *
   * @throws WarehouseException when the body fails or its counts do not reconcile; the failure is
   *     in the ledger
   */
  public StepRecord run(String step, StepBody body) {
    Instant start = context.clock().instant();
    long t0 = System.nanoTime();
    StepResult result;
    try {
      result = body.execute(ledger.lastSuccess(step));
    } catch (RuntimeException e) {
      double seconds = elapsed(t0);
      String message =
          e instanceof WarehouseException ? e.getMessage() : WarehouseErrors.rootMessage(e);
      StepRecord failed =
          new StepRecord(
              context.runId(),
              step,
              StepRecord.Status.FAILED,
              start,
              seconds,
              new StepCounts(0, 0, 0, 0, 0, message),
              InputVersions.parse(""),
              InputVersions.parse(""));
      recordQuietly(failed);
      LOG.error(
          String.format(Locale.ROOT, "%-28s FAILED after %.1f s: %s", step, seconds, message));
      throw e instanceof WarehouseException we
          ? we
          : new WarehouseException("Step " + step + " failed: " + message, e);
    }
    double seconds = elapsed(t0);
    StepCounts c = result.counts();
    if (!c.reconciles()) {
      String message =
          String.format(
              "counts do not reconcile: read %d != accepted %d + quarantined %d + duplicates %d",
              c.read(), c.accepted(), c.quarantined(), c.duplicate());
      recordQuietly(
          new StepRecord(
              context.runId(),
              step,
              StepRecord.Status.FAILED,
              start,
              seconds,
              new StepCounts(
                  c.read(), c.accepted(), c.quarantined(), c.duplicate(), c.written(), message),
              result.inputs(),
              result.outputs()));
      throw new WarehouseException(
          "Step "
              + step
              + " lost records: "
              + message
              + "; the run is stopped, nothing downstream was written."
              + " Inspect ops.job_run for run "
              + context.runId()
              + " and report it");
    }
    StepRecord record =
        new StepRecord(
            context.runId(),
            step,
            result.status(),
            start,
            seconds,
            c,
            result.inputs(),
            result.outputs());
    ledger.recordLater(record);
    LOG.info(describe(record));
    return record;
  }

  /**
   * Runs independent steps at the same time, one thread each, and returns their records in the
   * order given. The steps must not write the same rows (the methodologies each replace their own
   * partition of the scoring tables). Every step runs to its end; the first failure, in the order
   * given, is then rethrown.
   */
  public java.util.List<StepRecord> runTogether(java.util.Map<String, StepBody> steps) {
    // The steps' ledger rows need no care here: one writer thread makes every ledger commit.
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, steps.size()));
    try {
      java.util.List<java.util.concurrent.Future<StepRecord>> pending = new java.util.ArrayList<>();
      steps.forEach((name, body) -> pending.add(pool.submit(() -> run(name, body))));
      java.util.List<StepRecord> out = new java.util.ArrayList<>();
      RuntimeException failure = null;
      for (java.util.concurrent.Future<StepRecord> f : pending) {
        try {
          out.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new WarehouseException("A step failed", e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new WarehouseException("Interrupted while waiting for " + steps.keySet(), e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return java.util.List.copyOf(out);
    } finally {
      pool.shutdown();
    }
  }

  /** One line a person reads: step, status, counts, seconds. */
  public static String describe(StepRecord r) {
    StepCounts c = r.counts();
    if (r.status() == StepRecord.Status.SKIPPED) {
      return String.format(
          Locale.ROOT, "%-28s up to date (%s) %.1f s", r.step(), c.message(), r.seconds());
    }
    StringBuilder sb =
        new StringBuilder(String.format(Locale.ROOT, "%-28s read %,d", r.step(), c.read()));
    if (c.quarantined() > 0 || c.duplicate() > 0 || c.accepted() != c.read()) {
      sb.append(
          String.format(
              Locale.ROOT,
              " | accepted %,d | quarantined %,d | duplicates %,d",
              c.accepted(),
              c.quarantined(),
              c.duplicate()));
    }
    sb.append(String.format(Locale.ROOT, " | written %,d | %.1f s", c.written(), r.seconds()));
    if (!c.message().isEmpty()) {
      sb.append(" | ").append(c.message());
    }
    return sb.toString();
  }

  private void recordQuietly(StepRecord r) {
    try {
      ledger.record(r);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not record the failure of {} in ops.job_run: {}",
          r.step(),
          WarehouseErrors.rootMessage(e));
    }
  }

  private static double elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0;
  }
}
