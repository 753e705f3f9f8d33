package vn.dti.warehouse.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.table.TableStore;

/**
 * Compacts every existing table of the catalog and vacuums it with the configured retention. The
 * nightly run appends many small files (one or a few per day and partition); compaction keeps reads
 * fast, and vacuuming keeps storage bounded. A table whose partitioning is not the catalog's (made
 * by an earlier release) is first rewritten in it, and one whose file-statistics columns are not
 * the catalog's is given them before compaction (an earlier release collected Delta's default).
 * Compaction changes no data: the change feed and every reader see the same rows. Vacuuming ends
 * time travel to versions older than the retention, so the retention must cover the longest period
 * a published score may have to be reproduced for.
 */
public final class MaintenanceJob {
  public static final String STEP = "maintain";
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJob.class);

  private MaintenanceJob() {}

  /**
   * Runs compaction and vacuum over every table that exists.
   *
   * @return counts: {@code read} = tables maintained, {@code written} = files deleted
   */
  public static StepResult run(JobContext ctx, Duration retention) {
    TableStore store = ctx.tables();
    long tables = 0;
    long before = 0;
    long after = 0;
    long deleted = 0;
    long repartitioned = 0;
    long restatted = 0;
    for (TableSpec t : Tables.ALL) {
      if (!store.exists(t)) {
        continue;
      }
      List<String> stored = store.storedPartitioning(t);
      if (!stored.equals(t.partitionColumns())) {
        // A whole table rewritten: say so before, it is the long part of this run.
        LOG.info(
            "{} is partitioned by {}, the catalog by {}: rewriting it",
            t.name(),
            stored,
            t.partitionColumns());
        if (store.repartition(t)) {
          repartitioned++;
        }
      }
      if (store.alignStatistics(t)) {
        // Before compacting, so that the compacted files carry the catalog's statistics.
        LOG.info(
            "{}: file statistics now on {}",
            t.name(),
            t.statsColumns().isEmpty() ? "Delta's default columns" : t.statsColumns());
        restatted++;
      }
      TableStore.Maintenance m = store.compact(t);
      long removed = store.vacuum(t, retention);
      LOG.info(
          String.format(
              Locale.ROOT,
              "%-28s files %,d -> %,d, %,d unreferenced file(s) deleted",
              t.name(),
              m.filesBefore(),
              m.filesAfter(),
              removed));
      tables++;
      before += m.filesBefore();
      after += m.filesAfter();
      deleted += removed;
    }
    List<String> upgraded = new ArrayList<>();
    if (repartitioned > 0) {
      upgraded.add(repartitioned + " rewritten in the catalog's partitioning");
    }
    if (restatted > 0) {
      upgraded.add(restatted + " given the catalog's statistics columns");
    }
    String message =
        String.format(
            Locale.ROOT,
            "%d table(s)%s: %,d files compacted to %,d; %,d unreferenced file(s) older than %d h"
                + " deleted",
            tables,
            upgraded.isEmpty() ? "" : " (" + String.join("; ", upgraded) + ")",
            before,
            after,
            deleted,
            retention.toHours());
    return StepResult.done(
        StepCounts.derived(tables, deleted, message),
        InputVersions.parse(""),
        InputVersions.current(store, Tables.ALL.toArray(TableSpec[]::new)));
  }
}
