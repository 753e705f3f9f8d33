package vn.dti.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

class StepRunnerTest {
  private final DeltaTableStore store = SharedSpark.newStore();
  private final Clock clock = Clock.fixed(Instant.parse("2024-07-01T01:00:00Z"), ZoneOffset.UTC);
  private final JobContext ctx = new JobContext(store, clock, "run-1");
  private final RunLedger ledger = new RunLedger(store);
  private final StepRunner runner = new StepRunner(ctx, ledger);

  @Test
  void successIsRecordedWithItsCountsAndVersions() {
    InputVersions in = new InputVersions(Map.of("silver.dossier", "4"));
    runner.run(
        "gold.x",
        last -> StepResult.done(new StepCounts(10, 7, 2, 1, 7, "ok"), in, InputVersions.parse("")));
    StepRecord r = ledger.lastSuccess("gold.x").orElseThrow();
    assertThat(r.runId()).isEqualTo("run-1");
    assertThat(r.counts()).isEqualTo(new StepCounts(10, 7, 2, 1, 7, "ok"));
    assertThat(r.inputVersions()).isEqualTo(in);
    assertThat(r.startedAt()).isEqualTo(Instant.parse("2024-07-01T01:00:00Z"));
  }

  /**
   * Steps at once: they overlap (each waits until all have started), their records come back in the
   * order given (the first run's concurrent records do not race to create the ledger's table: one
   * writer thread makes every ledger commit), and one failing does not stop the others from
   * finishing and being recorded before the failure is thrown.
   */
  @Test
  void stepsRunTogetherOverlapAndAFailureIsThrownAfterTheOthersFinish() {
    java.util.Map<String, StepRunner.StepBody> steps = new java.util.LinkedHashMap<>();
    java.util.concurrent.CountDownLatch again = new java.util.concurrent.CountDownLatch(3);
    StepRunner.StepBody fine =
        last -> {
          again.countDown();
          await(again);
          return StepResult.done(
              StepCounts.derived(2, 2, ""), InputVersions.parse("b=1"), InputVersions.parse(""));
        };
    steps.put(
        "gold.t3",
        last -> {
          again.countDown();
          await(again);
          throw new IllegalStateException("boom");
        });
    steps.put("gold.t4", fine);
    steps.put("gold.t5", fine);
    assertThatThrownBy(() -> runner.runTogether(steps)).hasMessageContaining("boom");
    assertThat(ledger.lastSuccess("gold.t4")).isPresent();
    assertThat(ledger.lastSuccess("gold.t5")).isPresent();
    assertThat(ledger.run("run-1"))
        .filteredOn(r -> r.step().equals("gold.t3"))
        .extracting(StepRecord::status)
        .containsExactly(StepRecord.Status.FAILED);
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      if (!latch.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("the steps did not run at the same time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theBodySeesItsLastSuccess() {
    runner.run(
        "gold.y",
        last ->
            StepResult.done(
                StepCounts.derived(1, 1, ""), InputVersions.parse("a=1"), InputVersions.parse("")));
    StepRecord second =
        runner.run(
            "gold.y",
            last -> {
              assertThat(last).isPresent();
              return StepResult.upToDate(
                  "unchanged", last.get().inputVersions(), InputVersions.parse(""));
            });
    assertThat(second.status()).isEqualTo(StepRecord.Status.SKIPPED);
    // A skip is not a success: the last success is still the first execution.
    assertThat(ledger.lastSuccess("gold.y").orElseThrow().inputVersions().text()).isEqualTo("a=1");
  }

  @Test
  void noSuccessBeforeAFullRebuildCountsUntilTheStepHasRunAgain() {
    StepResult done =
        StepResult.done(
            StepCounts.derived(1, 1, ""), InputVersions.parse("a=1"), InputVersions.parse(""));
    runner.run("gold.z", last -> done);
    runner.run("gold.w", last -> done);
    Clock later = Clock.offset(clock, java.time.Duration.ofHours(1));
    ledger.record(
        new StepRecord(
            "run-2",
            RunLedger.FULL_REBUILD,
            StepRecord.Status.SUCCESS,
            later.instant(),
            0,
            StepCounts.derived(0, 0, "rebuild"),
            InputVersions.parse(""),
            InputVersions.parse("")));
    // The rebuild stopped before gold.z ran again: a later run must rebuild it from scratch.
    assertThat(ledger.lastSuccess("gold.z")).isEmpty();
    assertThat(ledger.lastSuccess("gold.w")).isEmpty();
    StepRunner next =
        new StepRunner(
            new JobContext(store, Clock.offset(clock, java.time.Duration.ofHours(2)), "run-3"),
            ledger);
    next.run(
        "gold.z",
        last -> {
          assertThat(last).isEmpty();
          return done;
        });
    assertThat(ledger.lastSuccess("gold.z")).map(StepRecord::runId).contains("run-3");
    assertThat(ledger.lastSuccess("gold.w")).isEmpty();
  }

  @Test
  void countsThatDoNotReconcileFailTheStepAndAreRecorded() {
    assertThatThrownBy(
            () ->
                runner.run(
                    "silver.z",
                    last ->
                        StepResult.done(
                            new StepCounts(10, 7, 2, 0, 7, ""),
                            InputVersions.parse(""),
                            InputVersions.parse(""))))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("lost records")
        .hasMessageContaining("read 10 != accepted 7 + quarantined 2 + duplicates 0");
    List<StepRecord> recorded = ledger.run("run-1");
    assertThat(recorded).extracting(StepRecord::status).containsExactly(StepRecord.Status.FAILED);
    assertThat(ledger.lastSuccess("silver.z")).isEmpty();
  }

  @Test
  void aFailingBodyIsRecordedAndReportedWithItsCause() {
    assertThatThrownBy(
            () ->
                runner.run(
                    "bronze.w",
                    last -> {
                      throw new IllegalStateException("disk full");
                    }))
        .isInstanceOf(WarehouseException.class)
        .hasMessage("Step bronze.w failed: disk full");
    assertThat(ledger.run("run-1").get(0).counts().message()).isEqualTo("disk full");
  }

  @Test
  void describeIsOneReadableLine() {
    StepRecord r =
        new StepRecord(
            "r",
            "silver.dossier",
            StepRecord.Status.SUCCESS,
            Instant.EPOCH,
            2.34,
            new StepCounts(5166, 5161, 4, 1, 2701, "61 batch(es)"),
            InputVersions.parse(""),
            InputVersions.parse(""));
    assertThat(StepRunner.describe(r))
        .isEqualTo(
            "silver.dossier               read 5,166 | accepted 5,161 | quarantined 4 | duplicates 1 | written 2,701 | 2.3 s | 61 batch(es)");
  }

  @Test
  void inputVersionsRoundTripInSortedOrder() {
    InputVersions v = new InputVersions(Map.of("silver.dossier", "12", "gold.dim_unit", "3"));
    assertThat(v.text()).isEqualTo("gold.dim_unit=3;silver.dossier=12");
    assertThat(InputVersions.parse(v.text())).isEqualTo(v);
  }
}
