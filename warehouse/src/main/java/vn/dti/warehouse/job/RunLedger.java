package vn.dti.warehouse.job;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.TableStore;

/** The run ledger {@code ops.job_run}: one row per step of every run, append-only. */
public final class RunLedger {
  private final TableStore tables;

  public RunLedger(TableStore tables) {
    this.tables = tables;
  }

  /** Appends one step's record (one Delta commit). */
  public void record(StepRecord r) {
    Row row =
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
            r.counts().message());
    tables.append(
        Tables.OPS_JOB_RUN,
        tables.spark().createDataFrame(List.of(row), Tables.OPS_JOB_RUN.schema()));
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
    List<Row> rows =
        tables
            .read(Tables.OPS_JOB_RUN)
            .where(
                col("step")
                    .isin(step, FULL_REBUILD)
                    .and(col("status").equalTo(StepRecord.Status.SUCCESS.name())))
            .orderBy(col("started_at").desc(), col("step").equalTo(FULL_REBUILD).desc())
            .limit(1)
            .collectAsList();
    return rows.stream()
        .findFirst()
        .map(RunLedger::toRecord)
        .filter(r -> !r.step().equals(FULL_REBUILD) || step.equals(FULL_REBUILD));
  }

  /** The most recent step records, newest first. */
  public List<StepRecord> recent(int limit) {
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
