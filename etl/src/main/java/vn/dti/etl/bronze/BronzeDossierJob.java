package vn.dti.etl.bronze;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.etl.source.SourceFile;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;

/**
 * Appends the lines of new portal files to {@code bronze.portal_dossier}, one batch per file
 * content, and registers them in {@code ops.batch} (see {@link FileIngest}). Blank lines are not
 * records and are dropped.
 *
 * <pre>
 * value                         file_name                   → raw_record | _batch_id       | _source | _record_hash
 * {"MaHoSo":"000.00.13.H10-…"}  dossiers-2024-05-01.jsonl      {"MaHoSo"…} | portal:9f2c…    | portal  | 5e1a…
 * </pre>
 */
public final class BronzeDossierJob {
  public static final String STEP = Tables.BRONZE_PORTAL_DOSSIER.name();
  public static final String SOURCE = "portal";

  private BronzeDossierJob() {}

  /**
   * Bronze rows from text lines ({@code value}, {@code file_name}) and the batches of those files.
   * Pure.
   */
  public static Dataset<Row> transform(
      Dataset<Row> lines, Dataset<Row> batches, Instant ingestedAt) {
    return FileIngest.transform(
        lines.withColumnRenamed("value", "raw_record"), batches, SOURCE, ingestedAt);
  }

  /** Ingests the files not seen before. */
  public static StepResult run(JobContext ctx, List<SourceFile> files) {
    return FileIngest.ingest(
        ctx, Tables.BRONZE_PORTAL_DOSSIER, SOURCE, files, FileIngest.lines(ctx.spark()));
  }
}
