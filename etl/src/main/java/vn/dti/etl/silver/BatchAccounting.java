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
   * Numbers the copies of each record within its batch ({@code _copy}: 1 for the first, more for
   * exact duplicates, which have the same SHA-256).
   */
  public static Dataset<Row> numberCopies(Dataset<Row> bronze) {
    return bronze.withColumn(
        "_copy",
        row_number()
            .over(Window.partitionBy("_batch_id", "_record_hash").orderBy(col("_source_file"))));
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
