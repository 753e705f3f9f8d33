package vn.dti.etl.payment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static vn.dti.etl.silver.Parsing.badTimestamp;
import static vn.dti.etl.silver.Parsing.code;
import static vn.dti.etl.silver.Parsing.integer;
import static vn.dti.etl.silver.Parsing.text;
import static vn.dti.etl.silver.Parsing.timestamp;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.privacy.Pseudonymizer;
import vn.dti.etl.privacy.Pseudonymizer.Kind;
import vn.dti.etl.silver.BatchAccounting;
import vn.dti.etl.silver.Parsing;
import vn.dti.etl.silver.ReasonCode;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;

/**
 * Turns reconciliation rows into {@code silver.payment}: one row per transaction, its latest
 * reported status (a pending transaction is reported again once it settles). Amounts written {@code
 * 1.234.000} and dates written {@code dd/MM/yyyy} are understood; payers' names and ID numbers
 * become keyed pseudonyms.
 */
public final class SilverPaymentJob {
  public static final String STEP = Tables.SILVER_PAYMENT.name();

  private SilverPaymentJob() {}

  /** Classifies bronze rows: one output row per bronze row, with its disposition. Pure. */
  public static Dataset<Row> classify(Dataset<Row> bronze, Dataset<Row> units, PseudonymKey key) {
    Dataset<Row> numbered = BatchAccounting.numberCopies(bronze);
    Dataset<Row> parsed = BatchAccounting.parseFirstCopies(numbered, BronzePaymentJob.COLUMNS);
    Dataset<Row> typed =
        parsed.select(
            col("_batch_id"),
            col("_source_file"),
            col("_record_hash"),
            col("raw_record"),
            col("j"),
            code(col("j.MaGiaoDich")).as("transaction_id"),
            text(col("j.MaThamChieu")).as("payment_reference"),
            code(col("j.MaHoSo")).as("dossier_id"),
            code(col("j.MaTTHC")).as("procedure_code"),
            code(col("j.MaDonVi")).as("unit_code"),
            Parsing.amount(col("j.SoTien")).as("amount_vnd"),
            text(col("j.LoaiPhi")).as("fee_type"),
            text(col("j.NganHang")).as("bank"),
            text(col("j.MaLoi")).as("error_code"),
            integer(col("j.TrangThaiGD")).as("status_code"),
            when(col("_source_file").startsWith("paygov-"), lit("national"))
                .otherwise(lit("provincial"))
                .as("channel"),
            timestamp(col("j.ThoiGianGD")).as("transaction_at"),
            Parsing.businessDate(col("_source_file")).as("_business_date"),
            Pseudonymizer.udf(key, Kind.NAME).apply(col("j.TenNguoiNop")).as("payer_pseudonym"),
            Pseudonymizer.udf(key, Kind.ID_NUMBER)
                .apply(col("j.SoGiayToNguoiNop"))
                .as("payer_id_pseudonym"));
    Dataset<Row> checked =
        Parsing.withUnit(typed, units, to_date(col("transaction_at")))
            .withColumn("reason_code", reason())
            .withColumn("reason_detail", detail())
            .withColumn(
                "disposition",
                when(col("reason_code").isNull(), lit(BatchAccounting.ACCEPTED))
                    .otherwise(lit(BatchAccounting.QUARANTINED)))
            .withColumn("province_code", col("u_province"))
            .withColumn("payment_month", date_format(col("transaction_at"), "yyyy-MM"))
            .drop("j", "u_code", "u_province", "u_from", "u_to", "_business_date");
    return checked.unionByName(BatchAccounting.duplicates(numbered), true);
  }

  private static Column future() {
    Column limit = date_add(col("_business_date"), 2).cast(DataTypes.TimestampNTZType);
    return coalesce(col("transaction_at").geq(limit), lit(false));
  }

  private static Column reason() {
    Column malformed = col("j").isNull().or(col("j._corrupt_record").isNotNull());
    Column missing =
        col("dossier_id")
            .isNull()
            .or(col("unit_code").isNull())
            .or(text(col("j.SoTien")).isNull())
            .or(text(col("j.TrangThaiGD")).isNull())
            .or(text(col("j.ThoiGianGD")).isNull());
    Column badAmount = col("amount_vnd").isNull().or(col("amount_vnd").leq(0));
    Column badCode = col("status_code").isNull().or(col("status_code").isin(1, 3, 4).unary_$bang());
    return when(malformed, lit(ReasonCode.MALFORMED_JSON.name()))
        .when(
            col("transaction_id").isNull().or(col("payment_reference").isNull()),
            lit(ReasonCode.MISSING_KEY.name()))
        .when(missing, lit(ReasonCode.MISSING_FIELD.name()))
        .when(badTimestamp(col("j.ThoiGianGD")), lit(ReasonCode.INVALID_DATE.name()))
        .when(future(), lit(ReasonCode.FUTURE_DATE.name()))
        .when(badAmount, lit(ReasonCode.INVALID_AMOUNT.name()))
        .when(badCode, lit(ReasonCode.INVALID_CODE.name()))
        .when(col("u_code").isNull(), lit(ReasonCode.UNKNOWN_UNIT.name()));
  }

  private static Column detail() {
    Column r = col("reason_code");
    return when(r.equalTo(ReasonCode.MALFORMED_JSON.name()), lit("the row is not readable"))
        .when(r.equalTo(ReasonCode.MISSING_KEY.name()), lit("MaGiaoDich or MaThamChieu is missing"))
        .when(
            r.equalTo(ReasonCode.MISSING_FIELD.name()),
            lit("one of MaHoSo, MaDonVi, SoTien, TrangThaiGD, ThoiGianGD is missing"))
        .when(
            r.equalTo(ReasonCode.INVALID_DATE.name()),
            concat(lit("ThoiGianGD = '"), col("j.ThoiGianGD"), lit("' is not a valid date")))
        .when(
            r.equalTo(ReasonCode.FUTURE_DATE.name()),
            concat(
                lit("ThoiGianGD = '"),
                col("j.ThoiGianGD"),
                lit("' is after the file's day "),
                col("_business_date").cast(DataTypes.StringType)))
        .when(
            r.equalTo(ReasonCode.INVALID_AMOUNT.name()),
            concat(lit("SoTien = '"), col("j.SoTien"), lit("' is not a positive amount of dong")))
        .when(
            r.equalTo(ReasonCode.INVALID_CODE.name()),
            concat(lit("TrangThaiGD = '"), col("j.TrangThaiGD"), lit("' is not 1, 3 or 4")))
        .when(
            r.equalTo(ReasonCode.UNKNOWN_UNIT.name()),
            concat(
                lit("MaDonVi = '"),
                col("unit_code"),
                lit("' is not a known unit on "),
                col("j.ThoiGianGD")));
  }

  /**
   * Processes every ingested, not yet processed payment batch. A transaction settling after
   * midnight at a month's end moves to the next month's partition, so the merge considers every
   * partition (payments are few).
   */
  public static StepResult run(JobContext ctx, PseudonymKey key) {
    Dataset<Row> units = ctx.tables().read(Tables.SILVER_UNIT);
    return BatchAccounting.process(
        ctx,
        new BatchAccounting.SilverLoad(
            BronzePaymentJob.SOURCE,
            Tables.BRONZE_PAYMENT,
            Tables.SILVER_PAYMENT,
            Tables.QUARANTINE_PAYMENT,
            bronze -> classify(bronze, units, key),
            "transaction_id",
            "transaction_at",
            "payment_month",
            false));
  }
}
