package vn.dti.etl.bronze;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.RunLedger;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;

/**
 * Prepares a full rebuild ({@code dti nightly --full-rebuild}): every silver, quarantine and gold
 * table is emptied (a new Delta version, so time travel still reaches what was there) and every
 * processed batch is reopened, so the run recomputes everything from bronze, which keeps every
 * record as it was received. Bronze, the batch registry's file digests and the extraction
 * watermarks are kept: nothing is extracted twice.
 *
 * <p>The rebuild is first recorded in the ledger ({@link RunLedger#FULL_REBUILD}): from then on no
 * step's earlier success counts, so a rebuild that stops halfway is finished by the next run,
 * whatever its options, instead of leaving empty tables that look up to date.
 */
public final class FullRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(FullRebuild.class);

  private FullRebuild() {}

  /** The tables a full rebuild empties: silver, quarantine and gold, in catalog order. */
  public static List<TableSpec> derivedTables() {
    List<TableSpec> out = new ArrayList<>();
    for (TableSpec t : Tables.ALL) {
      if (t.layer() == Layer.SILVER || t.layer() == Layer.QUARANTINE || t.layer() == Layer.GOLD) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Empties the derived tables and reopens the processed batches.
   *
   * @return a sentence saying what was reset, for the log
   */
  public static String prepare(JobContext ctx) {
    RunLedger ledger = new RunLedger(ctx.tables());
    ledger.record(
        new StepRecord(
            ctx.runId(),
            RunLedger.FULL_REBUILD,
            StepRecord.Status.SUCCESS,
            ctx.clock().instant(),
            0,
            new StepCounts(0, 0, 0, 0, 0, "silver, quarantine and gold rebuilt from bronze"),
            InputVersions.parse(""),
            InputVersions.parse("")));
    int emptied = 0;
    for (TableSpec t : derivedTables()) {
      if (ctx.tables().exists(t)) {
        ctx.tables().overwrite(t, ctx.spark().createDataFrame(List.of(), t.schema()));
        emptied++;
      }
    }
    long reopened = new BatchRegistry(ctx.tables()).reopenProcessed();
    String what =
        "Full rebuild: emptied "
            + emptied
            + " silver, quarantine and gold table(s); reopened "
            + reopened
            + " batch(es) to process again from bronze";
    LOG.info(what);
    return what;
  }
}
