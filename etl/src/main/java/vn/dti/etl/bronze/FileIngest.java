package vn.dti.etl.bronze;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trim;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import vn.dti.etl.source.SourceFile;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepResult;

/**
 * Appends the records of new source files to a bronze table, one batch per file content, and
 * registers them in {@code ops.batch}. A file whose content was ingested before (under any name) is
 * skipped; a batch appended by a run that stopped before registering it is registered without being
 * appended again.
 */
public final class FileIngest {
  /** Reads the records of files: columns {@code raw_record} (text) and {@code file_name}. */
  @FunctionalInterface
  public interface Reader {
    Dataset<Row> read(List<SourceFile> files);
  }

  private FileIngest() {}

  /** A reader of text files, one record per line (gzip-compressed files are decompressed). */
  public static Reader lines(org.apache.spark.sql.SparkSession spark) {
    return fresh ->
        spark
            .read()
            .option("encoding", "UTF-8")
            .text(fresh.stream().map(f -> f.path().toString()).toArray(String[]::new))
            .select(col("value").as("raw_record"), col("_metadata.file_name").as("file_name"));
  }

  /**
   * Bronze rows from records ({@code raw_record}, {@code file_name}) and the batches of those
   * files; blank records are dropped. Pure.
   */
  public static Dataset<Row> transform(
      Dataset<Row> records, Dataset<Row> batches, String source, Instant ingestedAt) {
    return records
        .where(trim(col("raw_record")).notEqual(""))
        .join(broadcast(batches), "file_name")
        .select(
            col("raw_record"),
            col("batch_id").as("_batch_id"),
            lit(source).as("_source"),
            col("file_name").as("_source_file"),
            lit(Timestamp.from(ingestedAt)).as("_ingested_at"),
            sha2(col("raw_record"), 256).as("_record_hash"));
  }

  /** Ingests the files not seen before into {@code table} under {@code source}. */
  public static StepResult ingest(
      JobContext ctx, TableSpec table, String source, List<SourceFile> files, Reader reader) {
    SparkSession spark = ctx.spark();
    BatchRegistry registry = new BatchRegistry(ctx.tables());
    Map<String, SourceFile> byBatch = new LinkedHashMap<>();
    files.forEach(f -> byBatch.putIfAbsent(f.batchId(), f));
    Set<String> known = registry.known(List.copyOf(byBatch.keySet()));
    List<SourceFile> fresh =
        byBatch.values().stream().filter(f -> !known.contains(f.batchId())).toList();
    long repeated = files.size() - fresh.size();
    if (fresh.isEmpty()) {
      return StepResult.done(
          StepCounts.derived(0, 0, "no new files; " + repeated + " already ingested"),
          InputVersions.parse(""),
          InputVersions.current(ctx.tables(), table));
    }
    Dataset<Row> batches = spark.createDataFrame(batchRows(fresh), batchSchema());
    Dataset<Row> records = reader.read(fresh);
    // A crash between the bronze append and the registry update leaves batches in bronze but not
    // registered:
    // they are registered now without appending them again.
    List<String> freshIds = fresh.stream().map(SourceFile::batchId).toList();
    List<String> leftOver =
        ctx
            .tables()
            .read(table)
            .where(col("_batch_id").isin(freshIds.toArray()))
            .select("_batch_id")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    Dataset<Row> bronze =
        transform(records, batches, source, ctx.clock().instant())
            .where(col("_batch_id").isin(leftOver.toArray()).unary_$bang())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ctx.tables().append(table, bronze);
      Dataset<Row> counts =
          ctx.tables()
              .read(table)
              .where(col("_batch_id").isin(freshIds.toArray()))
              .groupBy("_batch_id")
              .agg(count(lit(1)).as("n"));
      Dataset<Row> registered =
          batches
              .join(counts, batches.col("batch_id").equalTo(counts.col("_batch_id")), "left")
              .select(
                  col("batch_id"),
                  lit(source).as("source"),
                  col("file_name").as("source_file"),
                  col("business_date"),
                  col("content_sha256"),
                  col("file_bytes"),
                  lit(BatchRegistry.INGESTED).as("status"),
                  coalesce(col("n"), lit(0L)).as("records_read"),
                  lit(0L).as("records_accepted"),
                  lit(0L).as("records_quarantined"),
                  lit(0L).as("records_duplicate"),
                  lit(ctx.runId()).as("ingest_run_id"),
                  lit(null).cast(DataTypes.StringType).as("process_run_id"));
      registry.upsert(registered);
      long read =
          registered.agg(org.apache.spark.sql.functions.sum("records_read")).head().getLong(0);
      String message =
          fresh.size()
              + " new file(s)"
              + (repeated > 0 ? ", " + repeated + " already ingested" : "")
              + (leftOver.isEmpty()
                  ? ""
                  : ", " + leftOver.size() + " recovered from an interrupted run");
      return StepResult.done(
          StepCounts.derived(read, read, message),
          InputVersions.parse(""),
          InputVersions.current(ctx.tables(), table));
    } finally {
      bronze.unpersist();
    }
  }

  private static List<Row> batchRows(List<SourceFile> files) {
    List<Row> rows = new ArrayList<>();
    for (SourceFile f : files) {
      Optional<java.sql.Date> d = f.businessDate().map(java.sql.Date::valueOf);
      rows.add(RowFactory.create(f.name(), f.batchId(), d.orElse(null), f.sha256(), f.bytes()));
    }
    return rows;
  }

  private static StructType batchSchema() {
    return new StructType()
        .add("file_name", DataTypes.StringType, false)
        .add("batch_id", DataTypes.StringType, false)
        .add("business_date", DataTypes.DateType, true)
        .add("content_sha256", DataTypes.StringType, false)
        .add("file_bytes", DataTypes.LongType, false);
  }
}
