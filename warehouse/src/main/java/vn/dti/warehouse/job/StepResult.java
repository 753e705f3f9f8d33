package vn.dti.warehouse.job;

import java.util.Objects;

/** What a step body returns: its counts and the versions it read and left behind. */
public record StepResult(
    StepRecord.Status status, StepCounts counts, InputVersions inputs, InputVersions outputs) {
  public StepResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(outputs, "outputs");
  }

  /** The step did its work. */
  public static StepResult done(StepCounts counts, InputVersions inputs, InputVersions outputs) {
    return new StepResult(StepRecord.Status.SUCCESS, counts, inputs, outputs);
  }

  /** Nothing to do: the outputs already reflect these inputs. */
  public static StepResult upToDate(String why, InputVersions inputs, InputVersions outputs) {
    return new StepResult(
        StepRecord.Status.SKIPPED, new StepCounts(0, 0, 0, 0, 0, why), inputs, outputs);
  }
}
