package vn.dti.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/**
 * The ledger keeps every step's last success between reads: what this instance records is seen at
 * once, and what another instance records (a full rebuild, a later run) is seen too.
 */
class RunLedgerTest {
  private final DeltaTableStore store = SharedSpark.newStore();
  private final RunLedger ledger = new RunLedger(store);

  private static StepRecord record(String step, StepRecord.Status status, String at, String in) {
    return new StepRecord(
        "run-" + at,
        step,
        status,
        Instant.parse(at),
        1.5,
        StepCounts.derived(3, 3, ""),
        InputVersions.parse(in),
        InputVersions.parse(""));
  }

  @Test
  void anEmptyLedgerHasNoSuccess() {
    assertThat(ledger.lastSuccess("silver.dossier")).isEmpty();
  }

  @Test
  void ownRecordsAreSeenAndOnlySuccessesCount() {
    assertThat(ledger.lastSuccess("silver.dossier")).isEmpty();
    ledger.record(
        record("silver.dossier", StepRecord.Status.SUCCESS, "2024-07-01T01:00:00Z", "a=1"));
    ledger.record(
        record("silver.dossier", StepRecord.Status.SKIPPED, "2024-07-02T01:00:00Z", "a=2"));
    ledger.record(
        record("silver.dossier", StepRecord.Status.FAILED, "2024-07-03T01:00:00Z", "a=3"));
    ledger.record(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-03T02:00:00Z", "b=7"));
    assertThat(ledger.lastSuccess("silver.dossier").orElseThrow().inputVersions().text())
        .isEqualTo("a=1");
    assertThat(ledger.lastSuccess("gold.x").orElseThrow().startedAt())
        .isEqualTo(Instant.parse("2024-07-03T02:00:00Z"));
    // A fresh instance reads the same from the table.
    RunLedger fresh = new RunLedger(store);
    assertThat(fresh.lastSuccess("silver.dossier").orElseThrow().inputVersions().text())
        .isEqualTo("a=1");
    assertThat(fresh.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=7");
  }

  @Test
  void recordsOfAnotherInstanceAreSeen() {
    ledger.record(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-01T01:00:00Z", "b=1"));
    assertThat(ledger.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=1");
    new RunLedger(store)
        .record(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-02T01:00:00Z", "b=2"));
    assertThat(ledger.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=2");
    // And this instance's next record, after the other's, is still kept.
    ledger.record(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-03T01:00:00Z", "b=3"));
    assertThat(ledger.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=3");
  }

  /** A full rebuild (recorded by its own instance) voids every earlier success, not later ones. */
  @Test
  void aFullRebuildRecordedElsewhereVoidsEarlierSuccesses() {
    ledger.record(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-01T01:00:00Z", "b=1"));
    ledger.record(record("gold.y", StepRecord.Status.SUCCESS, "2024-07-01T01:00:00Z", "c=1"));
    assertThat(ledger.lastSuccess("gold.x")).isPresent();
    new RunLedger(store)
        .record(
            record(RunLedger.FULL_REBUILD, StepRecord.Status.SUCCESS, "2024-07-01T01:00:00Z", ""));
    // Same instant as the earlier successes: the rebuild wins the tie.
    assertThat(ledger.lastSuccess("gold.x")).isEmpty();
    assertThat(ledger.lastSuccess("gold.y")).isEmpty();
    assertThat(ledger.lastSuccess(RunLedger.FULL_REBUILD)).isPresent();
    ledger.record(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-01T01:00:01Z", "b=2"));
    assertThat(ledger.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=2");
    assertThat(ledger.lastSuccess("gold.y")).isEmpty();
  }

  /** Records made later are known at once, and are all in the table after a flush, in order. */
  @Test
  void recordsMadeLaterAreKnownAtOnceAndWrittenByAFlush() {
    ledger.record(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-01T01:00:00Z", "b=1"));
    ledger.recordLater(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-02T01:00:00Z", "b=2"));
    ledger.recordLater(record("gold.y", StepRecord.Status.SUCCESS, "2024-07-02T01:00:01Z", "c=1"));
    ledger.recordLater(record("gold.z", StepRecord.Status.FAILED, "2024-07-02T01:00:02Z", ""));
    assertThat(ledger.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=2");
    assertThat(ledger.lastSuccess("gold.y")).isPresent();
    ledger.flush();
    RunLedger fresh = new RunLedger(store);
    assertThat(fresh.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=2");
    assertThat(fresh.recent(10))
        .extracting(StepRecord::step)
        .containsExactly("gold.z", "gold.y", "gold.x", "gold.x");
    // The same instance goes on from what it wrote.
    ledger.recordLater(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-03T01:00:00Z", "b=3"));
    assertThat(ledger.lastSuccess("gold.x").orElseThrow().inputVersions().text()).isEqualTo("b=3");
    assertThat(ledger.run("run-2024-07-03T01:00:00Z")).hasSize(1);
  }

  /**
   * Records made later wait for the commit interval: none is written before it has passed, all
   * those waiting go in the commit started once it has, and what comes after waits again (or for a
   * flush).
   */
  @Test
  void recordsMadeLaterWaitForTheCommitInterval() throws InterruptedException {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    RunLedger batched = new RunLedger(store, java.time.Duration.ofSeconds(60), now::get);
    batched.recordLater(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-01T01:00:00Z", "b=1"));
    now.addAndGet(java.time.Duration.ofSeconds(59).toNanos());
    batched.recordLater(record("gold.y", StepRecord.Status.SUCCESS, "2024-07-01T01:00:01Z", "c=1"));
    // Known at once, not written: no commit was started, so the ledger's table is not even made.
    assertThat(batched.lastSuccess("gold.y")).isPresent();
    assertThat(store.exists(vn.dti.warehouse.catalog.Tables.OPS_JOB_RUN)).isFalse();
    now.addAndGet(java.time.Duration.ofSeconds(2).toNanos());
    batched.recordLater(record("gold.z", StepRecord.Status.SUCCESS, "2024-07-01T01:00:02Z", "d=1"));
    // The interval has passed: the three go in one background commit, with no flush asked for.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (new RunLedger(store).recent(10).size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(new RunLedger(store).recent(10))
        .extracting(StepRecord::step)
        .containsExactly("gold.z", "gold.y", "gold.x");
    // The next record waits again (a minute from that commit), until a flush writes it.
    batched.recordLater(record("gold.x", StepRecord.Status.SUCCESS, "2024-07-01T01:00:03Z", "b=2"));
    Thread.sleep(500);
    assertThat(new RunLedger(store).recent(10)).hasSize(3);
    batched.flush();
    assertThat(new RunLedger(store).lastSuccess("gold.x").orElseThrow().inputVersions().text())
        .isEqualTo("b=2");
  }
}
