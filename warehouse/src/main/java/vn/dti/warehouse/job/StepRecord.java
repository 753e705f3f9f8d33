package vn.dti.warehouse.job;

import java.time.Instant;
import java.util.Objects;

/** One row of the run ledger {@code ops.job_run}. */
public record StepRecord(
    String runId,
    String step,
    Status status,
    Instant startedAt,
    double seconds,
    StepCounts counts,
    InputVersions inputVersions,
    InputVersions outputVersions) {

  /** How a step ended. */
  public enum Status {
    SUCCESS,
    SKIPPED,
    FAILED
  }

  public StepRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(inputVersions, "inputVersions");
    Objects.requireNonNull(outputVersions, "outputVersions");
  }
}
