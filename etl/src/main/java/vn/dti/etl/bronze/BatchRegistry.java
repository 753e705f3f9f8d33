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

  /** Inserts or replaces batch rows (with the catalog's columns). */
  public void upsert(Dataset<Row> rows) {
    tables.upsert(Tables.OPS_BATCH, rows, "true", "batch_id", List.of());
  }
}
