package vn.dti.etl.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * {@code gold.fct_document_daily}: per agency, day and direction, the documents and how they were
 * handled (signed, in the system, over the national axis, incoming ones done by their deadline).
 */
public final class FctDocumentDailyJob {
  public static final String STEP = Tables.GOLD_FCT_DOCUMENT_DAILY.name();

  private FctDocumentDailyJob() {}

  /** The fact rows for the documents given. Pure. */
  public static Dataset<Row> transform(Dataset<Row> silverDocument) {
    Column withDeadline = col("due_date").isNotNull();
    Column onTime =
        withDeadline
            .and(col("completed_date").isNotNull())
            .and(col("completed_date").leq(col("due_date")));
    return silverDocument
        .groupBy(col("unit_code"), col("province_code"), col("document_date"), col("direction"))
        .agg(
            count(lit(1)).as("document_count"),
            countIf(col("is_signed").equalTo(true)).as("signed_count"),
            countIf(col("handled_online")).as("handled_online_count"),
            countIf(col("via_national_axis")).as("national_axis_count"),
            countIf(withDeadline).as("with_deadline_count"),
            countIf(onTime).as("completed_on_time_count"))
        .withColumn("month", date_format(col("document_date"), "yyyy-MM"));
  }

  static Column countIf(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  public static StepResult run(JobContext ctx, Optional<StepRecord> last) {
    return MonthlyFacts.refresh(
        ctx,
        last,
        Tables.SILVER_DOCUMENT,
        Tables.GOLD_FCT_DOCUMENT_DAILY,
        "document_date",
        FctDocumentDailyJob::transform);
  }
}
