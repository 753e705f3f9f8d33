package vn.dti.etl.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dti.etl.bronze.BatchRegistry;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;

/**
 * The accounting every silver job closes its batches with: per batch, records read must equal
 * accepted + quarantined + collapsed duplicates, or the step fails and the batches stay
 * unprocessed; otherwise the counts are written to {@code ops.batch} and the batches marked
 * processed.
 */
public final class BatchAccounting {
  /** Dispositions of a bronze record. */
  public static final String ACCEPTED = "ACCEPTED";

  public static final String QUARANTINED = "QUARANTINED";
  public static final String DUPLICATE = "DUPLICATE";

  private BatchAccounting() {}

  /**
   * How one source's pending batches become a silver table.
   *
   * @param source the batches' source in {@code ops.batch}
   * @param classify bronze rows → one classified row per bronze row (disposition, reason, silver
   *     columns)
   * @param key the silver table's key column
   * @param version the column whose larger value wins (a MERGE updates only to a newer version)
   * @param partition the silver table's partition column
   * @param prunePartitions whether the MERGE may look only at the partitions of the new rows (true
   *     when a key never changes partition)
   */
  public record SilverLoad(
      String source,
      TableSpec bronze,
      TableSpec silver,
      TableSpec quarantine,
      java.util.function.UnaryOperator<Dataset<Row>> classify,
      String key,
      String version,
      String partition,
      boolean prunePartitions) {}

  /**
   * Processes every ingested, not yet processed batch of a source: classifies its bronze rows,
   * merges the latest accepted version of each key into silver, rewrites the batches' quarantine
   * rows, then reconciles and marks the batches processed.
   */
  public static vn.dti.warehouse.job.StepResult process(JobContext ctx, SilverLoad load) {
    BatchRegistry registry = new BatchRegistry(ctx.tables());
    List<Row> pending = registry.inStatus(load.source(), BatchRegistry.INGESTED).collectAsList();
    vn.dti.warehouse.job.InputVersions inputs =
        vn.dti.warehouse.job.InputVersions.current(ctx.tables(), load.bronze(), Tables.SILVER_UNIT);
    if (pending.isEmpty()) {
      ctx.tables().createIfMissing(load.silver());
      return vn.dti.warehouse.job.StepResult.done(
          StepCounts.derived(0, 0, "no new batches"),
          inputs,
          vn.dti.warehouse.job.InputVersions.current(ctx.tables(), load.silver()));
    }
    List<String> ids = pending.stream().map(r -> r.<String>getAs("batch_id")).toList();
    Dataset<Row> bronze =
        ctx.tables().read(load.bronze()).where(col("_batch_id").isin(ids.toArray()));
    Dataset<Row> classified =
        load.classify()
            .apply(bronze)
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> accepted =
          latestAccepted(classified, load.silver(), load.key(), load.version())
              .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
      List<String> partitions =
          load.prunePartitions()
              ? accepted.select(load.partition()).distinct().collectAsList().stream()
                  .map(r -> String.valueOf(r.get(0)))
                  .sorted()
                  .toList()
              : List.of();
      ctx.tables()
          .upsert(
              load.silver(),
              accepted,
              "s." + load.version() + " > t." + load.version(),
              load.partition(),
              partitions);
      long written = accepted.count();
      accepted.unpersist();
      ctx.tables()
          .replaceWhere(
              load.quarantine(), quarantined(classified, load.quarantine()), "_batch_id", ids);
      return vn.dti.warehouse.job.StepResult.done(
          settle(ctx, pending, classified, written),
          inputs,
          vn.dti.warehouse.job.InputVersions.current(ctx.tables(), load.silver()));
    } finally {
      classified.unpersist();
    }
  }

  /**
   * Numbers the copies of each record within its batch ({@code _copy}: 1 for the first, more for
   * exact duplicates, which have the same SHA-256).
   */
  public static Dataset<Row> numberCopies(Dataset<Row> bronze) {
    return bronze.withColumn(
        "_copy",
        row_number()
            .over(Window.partitionBy("_batch_id", "_record_hash").orderBy(col("_source_file"))));
  }

  /**
   * The first copy of each record with its JSON parsed into {@code j}: every field as text (so that
   * parsing decides, nothing is coerced), plus {@code _corrupt_record} when the text is not a JSON
   * object.
   */
  public static Dataset<Row> parseFirstCopies(Dataset<Row> numbered, List<String> fields) {
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType();
    for (String f : fields) {
      schema = schema.add(f, DataTypes.StringType, true);
    }
    schema = schema.add("_corrupt_record", DataTypes.StringType, true);
    return numbered
        .where(col("_copy").equalTo(1))
        .withColumn(
            "j",
            org.apache.spark.sql.functions.from_json(
                col("raw_record"),
                schema,
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", "_corrupt_record")));
  }

  /** The second and later copies, as classified rows with disposition DUPLICATE. */
  public static Dataset<Row> duplicates(Dataset<Row> numbered) {
    return numbered
        .where(col("_copy").gt(1))
        .select(
            col("_batch_id"),
            col("_source_file"),
            col("_record_hash"),
            col("raw_record"),
            lit(DUPLICATE).as("disposition"),
            lit(null).cast(DataTypes.StringType).as("reason_code"),
            lit(null).cast(DataTypes.StringType).as("reason_detail"));
  }

  /**
   * The accepted rows reduced to the latest version per {@code key} (by {@code versionColumn}, ties
   * broken by batch and hash), in {@code table}'s columns.
   */
  public static Dataset<Row> latestAccepted(
      Dataset<Row> classified, TableSpec table, String key, String versionColumn) {
    return classified
        .where(col("disposition").equalTo(ACCEPTED))
        .withColumn(
            "_latest",
            row_number()
                .over(
                    Window.partitionBy(key)
                        .orderBy(
                            col(versionColumn).desc(),
                            col("_batch_id").desc(),
                            col("_record_hash"))))
        .where(col("_latest").equalTo(1))
        .select(table.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** The quarantined rows, in {@code table}'s columns. */
  public static Dataset<Row> quarantined(Dataset<Row> classified, TableSpec table) {
    return classified
        .where(col("disposition").equalTo(QUARANTINED))
        .select(table.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Per batch: records, accepted, quarantined, duplicates (column {@code disposition}). */
  public static Dataset<Row> countsByBatch(Dataset<Row> classified) {
    return classified
        .groupBy("_batch_id")
        .agg(
            count(lit(1)).as("records"),
            sum(when(col("disposition").equalTo(ACCEPTED), 1L).otherwise(0L)).as("accepted"),
            sum(when(col("disposition").equalTo(QUARANTINED), 1L).otherwise(0L)).as("quarantined"),
            sum(when(col("disposition").equalTo(DUPLICATE), 1L).otherwise(0L)).as("duplicate"));
  }

  /**
   * Reconciles the pending batches against their classified records and marks them processed.
   *
   * @return the step's counts
   * @throws WarehouseException naming every batch that does not reconcile
   */
  public static StepCounts settle(
      JobContext ctx, List<Row> pending, Dataset<Row> classified, long written) {
    Map<String, Row> counts = new HashMap<>();
    countsByBatch(classified).collectAsList().forEach(r -> counts.put(r.getAs("_batch_id"), r));
    long read = 0;
    long acc = 0;
    long quar = 0;
    long dup = 0;
    List<String> unreconciled = new ArrayList<>();
    for (Row b : pending) {
      String id = b.getAs("batch_id");
      long expected = b.<Long>getAs("records_read");
      Row c = counts.get(id);
      long a = c == null ? 0 : c.<Long>getAs("accepted");
      long q = c == null ? 0 : c.<Long>getAs("quarantined");
      long d = c == null ? 0 : c.<Long>getAs("duplicate");
      if (expected != a + q + d) {
        unreconciled.add(
            b.getAs("source_file") + " (read " + expected + ", accounted " + (a + q + d) + ")");
      }
      read += expected;
      acc += a;
      quar += q;
      dup += d;
    }
    if (!unreconciled.isEmpty()) {
      throw new WarehouseException(
          "Batches do not reconcile between bronze and silver: "
              + String.join(", ", unreconciled)
              + "; they stay unprocessed. Report this with the run id "
              + ctx.runId());
    }
    markProcessed(ctx, pending, counts);
    return new StepCounts(read, acc, quar, dup, written, pending.size() + " batch(es)");
  }

  private static void markProcessed(JobContext ctx, List<Row> pending, Map<String, Row> counts) {
    List<Row> rows = new ArrayList<>();
    for (Row b : pending) {
      Row c = counts.get(b.<String>getAs("batch_id"));
      Object[] v = new Object[b.length()];
      for (int i = 0; i < b.length(); i++) {
        v[i] = b.get(i);
      }
      StructType s = b.schema();
      v[s.fieldIndex("status")] = BatchRegistry.PROCESSED;
      v[s.fieldIndex("records_accepted")] = c == null ? 0L : c.getAs("accepted");
      v[s.fieldIndex("records_quarantined")] = c == null ? 0L : c.getAs("quarantined");
      v[s.fieldIndex("records_duplicate")] = c == null ? 0L : c.getAs("duplicate");
      v[s.fieldIndex("process_run_id")] = ctx.runId();
      rows.add(RowFactory.create(v));
    }
    new BatchRegistry(ctx.tables())
        .upsert(ctx.spark().createDataFrame(rows, Tables.OPS_BATCH.schema()));
  }
}
