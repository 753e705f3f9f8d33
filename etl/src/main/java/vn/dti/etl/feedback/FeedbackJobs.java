package vn.dti.etl.feedback;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static vn.dti.etl.silver.Parsing.badTimestamp;
import static vn.dti.etl.silver.Parsing.code;
import static vn.dti.etl.silver.Parsing.integer;
import static vn.dti.etl.silver.Parsing.text;
import static vn.dti.etl.silver.Parsing.timestamp;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.etl.bronze.FileIngest;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.privacy.Pseudonymizer;
import vn.dti.etl.privacy.Pseudonymizer.Kind;
import vn.dti.etl.silver.BatchAccounting;
import vn.dti.etl.silver.Parsing;
import vn.dti.etl.silver.ReasonCode;
import vn.dti.etl.source.SourceFile;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * Citizens' feedback (PAKN) from the portal: the daily {@code feedback-*.jsonl} files into bronze,
 * {@code silver.feedback} (latest state per item, sender pseudonymised) and {@code
 * gold.fct_feedback_daily} (per agency and day received: received, answered, answered by the
 * deadline, open).
 */
public final class FeedbackJobs {
  public static final String SOURCE = "feedback";
  public static final String BRONZE_STEP = Tables.BRONZE_PORTAL_FEEDBACK.name();
  public static final String SILVER_STEP = Tables.SILVER_FEEDBACK.name();
  public static final String GOLD_STEP = Tables.GOLD_FCT_FEEDBACK_DAILY.name();

  static final List<String> FIELDS =
      List.of(
          "MaPAKN",
          "DonViXuLy",
          "MaHoSo",
          "PhanLoai",
          "NgayTiepNhan",
          "HanXuLy",
          "NgayXuLy",
          "TrangThai",
          "SoLuotThich",
          "SoLuotKhongThich",
          "NguoiGui",
          "SoDienThoai",
          "Email",
          "NgayCapNhat");

  private static final List<String> EVENT_FIELDS =
      List.of("NgayTiepNhan", "NgayXuLy", "NgayCapNhat");

  private FeedbackJobs() {}

  public static StepResult bronze(JobContext ctx, List<SourceFile> files) {
    return FileIngest.ingest(
        ctx, Tables.BRONZE_PORTAL_FEEDBACK, SOURCE, files, FileIngest.lines(ctx.spark()));
  }

  /** Classifies bronze lines: one output row per line, with its disposition. Pure. */
  public static Dataset<Row> classify(Dataset<Row> bronze, Dataset<Row> units, PseudonymKey key) {
    Dataset<Row> numbered = BatchAccounting.numberCopies(bronze);
    Dataset<Row> typed =
        BatchAccounting.parseFirstCopies(numbered, FIELDS)
            .select(
                col("_batch_id"),
                col("_source_file"),
                col("_record_hash"),
                col("raw_record"),
                col("j"),
                code(col("j.MaPAKN")).as("feedback_id"),
                code(col("j.DonViXuLy")).as("unit_code"),
                code(col("j.MaHoSo")).as("dossier_id"),
                integer(col("j.PhanLoai")).as("category"),
                timestamp(col("j.NgayTiepNhan")).as("received_at"),
                timestamp(col("j.HanXuLy")).as("due_at"),
                timestamp(col("j.NgayXuLy")).as("resolved_at"),
                integer(col("j.TrangThai")).as("status_code"),
                integer(col("j.SoLuotThich")).as("likes"),
                integer(col("j.SoLuotKhongThich")).as("dislikes"),
                Pseudonymizer.udf(key, Kind.NAME).apply(col("j.NguoiGui")).as("sender_pseudonym"),
                Pseudonymizer.udf(key, Kind.PHONE)
                    .apply(col("j.SoDienThoai"))
                    .as("phone_pseudonym"),
                Pseudonymizer.udf(key, Kind.EMAIL).apply(col("j.Email")).as("email_pseudonym"),
                timestamp(col("j.NgayCapNhat")).as("source_updated_at"),
                Parsing.businessDate(col("_source_file")).as("_business_date"))
            .withColumn("received_date", to_date(col("received_at")))
            .withColumn("received_month", date_format(col("received_at"), "yyyy-MM"));
    Dataset<Row> checked =
        Parsing.withUnit(typed, units, col("received_date"))
            .withColumn("reason_code", reason())
            .withColumn("reason_detail", detail())
            .withColumn(
                "disposition",
                when(col("reason_code").isNull(), lit(BatchAccounting.ACCEPTED))
                    .otherwise(lit(BatchAccounting.QUARANTINED)))
            .withColumn("province_code", col("u_province"))
            .drop("j", "u_code", "u_province", "u_from", "u_to", "_business_date");
    return checked.unionByName(BatchAccounting.duplicates(numbered), true);
  }

  private static Column future() {
    Column limit = date_add(col("_business_date"), 2).cast(DataTypes.TimestampNTZType);
    Column any = lit(false);
    for (String f : EVENT_FIELDS) {
      any = any.or(coalesce(timestamp(col("j." + f)).geq(limit), lit(false)));
    }
    return any;
  }

  private static Column reason() {
    Column malformed = col("j").isNull().or(col("j._corrupt_record").isNotNull());
    Column missing =
        col("unit_code")
            .isNull()
            .or(text(col("j.NgayTiepNhan")).isNull())
            .or(text(col("j.NgayCapNhat")).isNull());
    Column badDate = lit(false);
    for (String f : List.of("NgayTiepNhan", "HanXuLy", "NgayXuLy", "NgayCapNhat")) {
      badDate = badDate.or(badTimestamp(col("j." + f)));
    }
    return when(malformed, lit(ReasonCode.MALFORMED_JSON.name()))
        .when(col("feedback_id").isNull(), lit(ReasonCode.MISSING_KEY.name()))
        .when(missing, lit(ReasonCode.MISSING_FIELD.name()))
        .when(badDate, lit(ReasonCode.INVALID_DATE.name()))
        .when(future(), lit(ReasonCode.FUTURE_DATE.name()))
        .when(col("u_code").isNull(), lit(ReasonCode.UNKNOWN_UNIT.name()));
  }

  private static Column detail() {
    Column r = col("reason_code");
    return when(r.equalTo(ReasonCode.MALFORMED_JSON.name()), lit("the line is not a JSON object"))
        .when(r.equalTo(ReasonCode.MISSING_KEY.name()), lit("MaPAKN is missing or blank"))
        .when(
            r.equalTo(ReasonCode.MISSING_FIELD.name()),
            lit("DonViXuLy, NgayTiepNhan or NgayCapNhat is missing"))
        .when(r.equalTo(ReasonCode.INVALID_DATE.name()), lit("a date is not a valid date"))
        .when(
            r.equalTo(ReasonCode.FUTURE_DATE.name()),
            concat(
                lit("a date lies after the extract's day "),
                col("_business_date").cast(DataTypes.StringType)))
        .when(
            r.equalTo(ReasonCode.UNKNOWN_UNIT.name()),
            concat(lit("DonViXuLy = '"), col("unit_code"), lit("' is not a known unit")));
  }

  public static StepResult silver(JobContext ctx, PseudonymKey key) {
    Dataset<Row> units = ctx.tables().read(Tables.SILVER_UNIT);
    return BatchAccounting.process(
        ctx,
        new BatchAccounting.SilverLoad(
            SOURCE,
            Tables.BRONZE_PORTAL_FEEDBACK,
            Tables.SILVER_FEEDBACK,
            Tables.QUARANTINE_FEEDBACK,
            bronze -> classify(bronze, units, key),
            "feedback_id",
            "source_updated_at",
            "received_month",
            true));
  }

  /** The fact rows for the feedback items given. Pure. */
  public static Dataset<Row> facts(Dataset<Row> silverFeedback) {
    Column resolved = col("resolved_at").isNotNull();
    Column onTime =
        resolved.and(col("due_at").isNotNull()).and(col("resolved_at").leq(col("due_at")));
    return silverFeedback
        .groupBy(col("unit_code"), col("province_code"), col("received_date"))
        .agg(
            count(lit(1)).as("received_count"),
            sum(when(resolved, 1L).otherwise(0L)).as("resolved_count"),
            sum(when(onTime, 1L).otherwise(0L)).as("resolved_on_time_count"),
            sum(when(resolved, 0L).otherwise(1L)).as("open_count"))
        .withColumn("month", date_format(col("received_date"), "yyyy-MM"));
  }

  public static StepResult gold(JobContext ctx, Optional<StepRecord> last) {
    return vn.dti.etl.gold.MonthlyFacts.refresh(
        ctx,
        last,
        Tables.SILVER_FEEDBACK,
        Tables.GOLD_FCT_FEEDBACK_DAILY,
        "received_date",
        FeedbackJobs::facts);
  }
}
