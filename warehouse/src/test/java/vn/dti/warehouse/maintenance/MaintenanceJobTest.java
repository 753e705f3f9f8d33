package vn.dti.warehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.table.TableStore;
import vn.dti.warehouse.testing.SharedSpark;
import vn.dti.warehouse.testing.TestTables;

class MaintenanceJobTest {
  private final DeltaTableStore store = SharedSpark.newStore();

  private void appendOne(int i) {
    store.append(
        TestTables.ITEM,
        SharedSpark.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create(
                        "id-" + i, "2024-05", (long) i, Timestamp.valueOf("2024-05-01 10:00:00"))),
                TestTables.ITEM.schema())
            .coalesce(1));
  }

  @Test
  void compactionMergesSmallFilesWithoutChangingTheRows() {
    for (int i = 1; i <= 5; i++) {
      appendOne(i);
    }
    long versionBefore = store.version(TestTables.ITEM).getAsLong();
    TableStore.Maintenance m = store.compact(TestTables.ITEM);
    assertThat(m.filesBefore()).isEqualTo(5);
    assertThat(m.filesAfter()).isEqualTo(1);
    assertThat(store.read(TestTables.ITEM).count()).isEqualTo(5);
    assertThat(
            store
                .read(TestTables.ITEM)
                .agg(org.apache.spark.sql.functions.sum("amount"))
                .head()
                .getLong(0))
        .isEqualTo(15);
    // The compaction is a commit that changes no data: old versions still read before vacuum.
    assertThat(store.readAt(TestTables.ITEM, versionBefore).count()).isEqualTo(5);
    // A vacuum with no retention deletes the five files the compaction replaced; time travel
    // to the versions that used them ends there.
    assertThat(store.vacuum(TestTables.ITEM, Duration.ZERO)).isEqualTo(5);
    assertThat(store.read(TestTables.ITEM).count()).isEqualTo(5);
    assertThatThrownBy(() -> store.readAt(TestTables.ITEM, versionBefore).collectAsList())
        .hasMessageContaining("does not exist");
  }

  @Test
  void theJobMaintainsEveryExistingTableAndSaysWhatItDid() {
    for (int i = 1; i <= 3; i++) {
      store.append(
          Tables.OPS_WATERMARK,
          SharedSpark.spark()
              .createDataFrame(
                  List.of(
                      RowFactory.create(
                          "dms",
                          "qlvb.t" + i,
                          java.time.LocalDateTime.of(2024, 5, i, 0, 0),
                          1L,
                          "b",
                          "r",
                          Timestamp.valueOf("2024-05-01 00:00:00"))),
                  Tables.OPS_WATERMARK.schema()));
    }
    StepResult r =
        MaintenanceJob.run(new JobContext(store, Clock.systemUTC(), "run-m"), Duration.ofDays(30));
    assertThat(r.counts().read()).isEqualTo(1);
    assertThat(r.counts().written()).isZero(); // nothing is older than the retention
    assertThat(r.counts().message())
        .isEqualTo(
            "1 table(s): 3 files compacted to 1; 0 unreferenced file(s) older than 720 h deleted");
    assertThat(store.read(Tables.OPS_WATERMARK).count()).isEqualTo(3);
  }

  /** A table an earlier release made with Delta's default statistics is given the catalog's. */
  @Test
  void aTableWithDeltasDefaultStatisticsIsGivenTheCatalogs() {
    vn.dti.warehouse.catalog.TableSpec events = Tables.SILVER_DOSSIER_EVENT;
    store.createIfMissing(
        new vn.dti.warehouse.catalog.TableSpec(
            events.layer(),
            events.entity(),
            events.grain(),
            events.columns(),
            events.partitionColumns(),
            events.keyColumns()));
    JobContext ctx = new JobContext(store, Clock.systemUTC(), "run-s");
    assertThat(MaintenanceJob.run(ctx, Duration.ofDays(30)).counts().message())
        .isEqualTo(
            "1 table(s) (1 given the catalog's statistics columns): 0 files compacted to 0;"
                + " 0 unreferenced file(s) older than 720 h deleted");
    assertThat(store.alignStatistics(events)).isFalse();
    assertThat(MaintenanceJob.run(ctx, Duration.ofDays(30)).counts().message())
        .startsWith("1 table(s): ");
  }
}
