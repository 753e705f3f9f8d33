package vn.dti.warehouse.job;

import java.time.Clock;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import vn.dti.warehouse.table.TableStore;

/**
 * What a job's thin shell receives: the tables, the clock ("now" is never read elsewhere, so runs
 * are reproducible) and the id of the run it belongs to.
 */
public record JobContext(TableStore tables, Clock clock, String runId) {
  public JobContext {
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(runId, "runId");
  }

  public SparkSession spark() {
    return tables.spark();
  }
}
