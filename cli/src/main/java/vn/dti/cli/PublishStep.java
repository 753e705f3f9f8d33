package vn.dti.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.config.WarehouseConfig;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.publish.DuckDbPublisher;
import vn.dti.warehouse.publish.Publication;

/**
 * Publishes the gold tables, the silver tables the configuration names ({@code publish.silver},
 * every one by default; silver holds pseudonyms, never a personal value), the quarantine's counts,
 * the quality results, the batch accounting and the run ledger to the analysts' DuckDB file, unless
 * it already holds their current versions. The quarantine tables themselves are never published:
 * they keep the raw records, personal data included.
 *
 * <p>The run ledger ({@code ops.job_run}) is written at the end of every run, after this step, so
 * its version never decides whether to publish (a night that changed nothing would otherwise
 * publish again): the file holds the ledger as of its last publication.
 */
final class PublishStep {
  static final String STEP = "publish.duckdb";

  private PublishStep() {}

  /** What is published, given the configuration's choice of silver tables. */
  static List<TableSpec> published(WarehouseConfig config) {
    List<TableSpec> out = new java.util.ArrayList<>();
    for (String name : config.publishedSilver()) {
      out.add(Tables.byName(name).orElseThrow());
    }
    out.addAll(Tables.inLayer(Layer.GOLD));
    out.add(Tables.OPS_QUARANTINE_COUNT);
    out.add(Tables.OPS_QUALITY_RESULT);
    out.add(Tables.OPS_BATCH);
    out.add(Tables.OPS_JOB_RUN);
    return List.copyOf(out);
  }

  static StepResult run(JobContext ctx, WarehouseConfig config, Optional<StepRecord> last) {
    Path duckDb = config.duckDbFile();
    List<TableSpec> published = published(config);
    List<TableSpec> deciding =
        published.stream().filter(t -> !t.equals(Tables.OPS_JOB_RUN)).toList();
    InputVersions inputs = InputVersions.current(ctx.tables(), deciding.toArray(TableSpec[]::new));
    DuckDbPublisher publisher = new DuckDbPublisher(ctx.tables());
    // The file itself says what it holds: a copy put back from an older night is brought forward
    // even though the ledger's last publication saw these versions.
    if (inputs.sameAs(last)
        && publisher.holdsCurrent(deciding, duckDb, Tables.OPS_JOB_RUN.name())) {
      return StepResult.upToDate(
          "published tables unchanged since the last publication", inputs, inputs);
    }
    Publication p = publisher.publish(published, duckDb, ctx.clock().instant());
    return StepResult.done(
        StepCounts.derived(
            p.rows(),
            p.rows(),
            p.tables().size() + " tables to " + duckDb + " (" + p.refreshSummary() + ")"),
        inputs,
        inputs);
  }
}
