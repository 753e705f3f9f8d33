package vn.dti.etl.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.TableStore;

/**
 * The batch registry {@code ops.batch}: which files were ingested into bronze and processed into
 * silver.
 */
public final class BatchRegistry {
  public static final String INGESTED = "INGESTED";
  public static final String PROCESSED = "PROCESSED";

  private final TableStore tables;

  public BatchRegistry(TableStore tables) {
    this.tables = tables;
  }

  /** The ids among {@code batchIds} that are registered already. */
  public Set<String> known(List<String> batchIds) {
    if (batchIds.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    tables
        .read(Tables.OPS_BATCH)
        .where(col("batch_id").isin(batchIds.toArray()))
        .select("batch_id")
        .collectAsList()
        .forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /** Registered batches of a source in a status. */
  public Dataset<Row> inStatus(String source, String status) {
    return tables
        .read(Tables.OPS_BATCH)
        .where(col("source").equalTo(source).and(col("status").equalTo(status)));
  }

  /** The last business day of a source's processed batches: the date the data is "as of". */
  public Optional<LocalDate> lastBusinessDate(String source) {
    Row r = inStatus(source, PROCESSED).agg(max("business_date")).head();
    return r.isNullAt(0) ? Optional.empty() : Optional.of(((Date) r.get(0)).toLocalDate());
  }

  /**
   * Sets every processed batch back to ingested with its silver counts cleared, in one commit, so
   * that the silver jobs process all of bronze again (a full rebuild).
   *
   * @return the number of batches reopened
   */
  public long reopenProcessed() {
    Dataset<Row> processed =
        tables
            .read(Tables.OPS_BATCH)
            .where(col("status").equalTo(PROCESSED))
            .withColumn("status", org.apache.spark.sql.functions.lit(INGESTED))
            .withColumn("records_accepted", org.apache.spark.sql.functions.lit(0L))
            .withColumn("records_quarantined", org.apache.spark.sql.functions.lit(0L))
            .withColumn("records_duplicate", org.apache.spark.sql.functions.lit(0L))
            .withColumn(
                "process_run_id",
                org.apache
                    .spark
                    .sql
                    .functions
                    .lit(null)
                    .cast(org.apache.spark.sql.types.DataTypes.StringType))
            .localCheckpoint();
    long n = processed.count();
    if (n > 0) {
      upsert(processed);
    }
    return n;
  }

  /** Inserts or replaces batch rows (with the catalog's columns). */
  public void upsert(Dataset<Row> rows) {
    tables.upsert(Tables.OPS_BATCH, rows, "true", "batch_id", List.of());
  }
}
