package vn.dti.etl.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static vn.dti.etl.gold.FctDocumentDailyJob.countIf;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * {@code gold.fct_payment_daily}: per agency, day and payment channel, the transactions by status,
 * the dossiers paid and the amounts (financial obligations apart).
 */
public final class FctPaymentDailyJob {
  public static final String STEP = Tables.GOLD_FCT_PAYMENT_DAILY.name();

  private FctPaymentDailyJob() {}

  /** The fact rows for the payments given (silver: one row per transaction). Pure. */
  public static Dataset<Row> transform(Dataset<Row> silverPayment) {
    Column success = col("status_code").equalTo(1);
    Column obligation = success.and(col("fee_type").contains("Nghĩa vụ tài chính"));
    return silverPayment
        .withColumn("payment_date", to_date(col("transaction_at")))
        .groupBy(col("unit_code"), col("province_code"), col("payment_date"), col("channel"))
        .agg(
            count(lit(1)).as("transaction_count"),
            countIf(success).as("success_count"),
            countIf(col("status_code").equalTo(4)).as("failed_count"),
            countIf(col("status_code").equalTo(3)).as("pending_count"),
            count_distinct(when(success, col("dossier_id"))).as("paid_dossier_count"),
            sum(when(success, col("amount_vnd")).otherwise(0L)).as("amount_vnd"),
            sum(when(obligation, col("amount_vnd")).otherwise(0L)).as("obligation_amount_vnd"))
        .withColumn("month", date_format(col("payment_date"), "yyyy-MM"));
  }

  public static StepResult run(JobContext ctx, Optional<StepRecord> last) {
    return MonthlyFacts.refresh(
        ctx,
        last,
        Tables.SILVER_PAYMENT,
        Tables.GOLD_FCT_PAYMENT_DAILY,
        "transaction_at",
        FctPaymentDailyJob::transform);
  }
}
