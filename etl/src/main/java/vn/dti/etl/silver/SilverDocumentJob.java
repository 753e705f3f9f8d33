package vn.dti.etl.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static vn.dti.etl.silver.Parsing.badBool;
import static vn.dti.etl.silver.Parsing.badTimestamp;
import static vn.dti.etl.silver.Parsing.bool;
import static vn.dti.etl.silver.Parsing.code;
import static vn.dti.etl.silver.Parsing.integer;
import static vn.dti.etl.silver.Parsing.nfc;
import static vn.dti.etl.silver.Parsing.text;
import static vn.dti.etl.silver.Parsing.timestamp;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.etl.dms.DmsExtractJob;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;

/**
 * Turns extracted document-management rows into {@code silver.document} (one row per outgoing or
 * incoming document, the latest change wins) and {@code quarantine.document}. Codes are trimmed and
 * upper-cased, subjects normalised to NFC; the signer's name is not carried into silver.
 */
public final class SilverDocumentJob {
  public static final String STEP = Tables.SILVER_DOCUMENT.name();

  static final List<String> SOURCE_FIELDS =
      List.of(
          "id",
          "ma_co_quan",
          "so",
          "so_den",
          "ky_hieu",
          "so_ky_hieu",
          "so_ky_hieu_goc",
          "nam",
          "ngay_ban_hanh",
          "ngay_den",
          "loai_van_ban",
          "trich_yeu",
          "da_ky_so",
          "thoi_gian_ky_so",
          "do_khan",
          "do_mat",
          "gui_truc_lien_thong",
          "nhan_truc_lien_thong",
          "xu_ly_tren_he_thong",
          "han_xu_ly",
          "ngay_hoan_thanh",
          "ngay_cap_nhat");

  private static final List<String> DATE_FIELDS =
      List.of(
          "ngay_ban_hanh",
          "ngay_den",
          "thoi_gian_ky_so",
          "han_xu_ly",
          "ngay_hoan_thanh",
          "ngay_cap_nhat");

  private static final List<String> REQUIRED =
      List.of("ma_co_quan", "nam", "loai_van_ban", "trich_yeu", "ngay_cap_nhat");

  private SilverDocumentJob() {}

  /** Classifies bronze rows: one output row per bronze row, with its disposition. Pure. */
  public static Dataset<Row> classify(Dataset<Row> bronze, Dataset<Row> units) {
    Dataset<Row> ranked = BatchAccounting.numberCopies(bronze);
    Dataset<Row> duplicates = BatchAccounting.duplicates(ranked);
    Dataset<Row> parsed = BatchAccounting.parseFirstCopies(ranked, SOURCE_FIELDS);
    Column incoming = col("_source_file").rlike("\\.van_ban_den ");
    Dataset<Row> typed =
        parsed.select(
            col("_batch_id"),
            col("_source_file"),
            col("_record_hash"),
            col("raw_record"),
            col("j"),
            when(incoming, lit("incoming")).otherwise(lit("outgoing")).as("direction"),
            integer(col("j.id")).cast(DataTypes.LongType).as("document_id"),
            code(col("j.ma_co_quan")).as("unit_code"),
            integer(col("j.nam")).as("year"),
            integer(coalesce(col("j.so"), col("j.so_den"))).as("number"),
            text(coalesce(col("j.so_ky_hieu"), col("j.so_ky_hieu_goc"))).as("notation"),
            to_date(timestamp(coalesce(col("j.ngay_ban_hanh"), col("j.ngay_den"))))
                .as("document_date"),
            text(col("j.loai_van_ban")).as("document_type"),
            nfc(text(col("j.trich_yeu"))).as("subject"),
            text(col("j.do_khan")).as("urgency"),
            text(col("j.do_mat")).as("secrecy"),
            bool(col("j.da_ky_so")).as("is_signed"),
            timestamp(col("j.thoi_gian_ky_so")).as("signed_at"),
            coalesce(
                    bool(col("j.gui_truc_lien_thong")),
                    bool(col("j.nhan_truc_lien_thong")),
                    lit(false))
                .as("via_national_axis"),
            coalesce(bool(col("j.xu_ly_tren_he_thong")), lit(false)).as("handled_online"),
            to_date(timestamp(col("j.han_xu_ly"))).as("due_date"),
            to_date(timestamp(col("j.ngay_hoan_thanh"))).as("completed_date"),
            timestamp(col("j.ngay_cap_nhat")).as("source_updated_at"));
    Dataset<Row> withUnit = Parsing.withUnit(typed, units, col("document_date"));
    Dataset<Row> checked =
        withUnit
            .withColumn("reason_code", reason())
            .withColumn("reason_detail", detail())
            .withColumn(
                "disposition",
                when(col("reason_code").isNull(), lit(BatchAccounting.ACCEPTED))
                    .otherwise(lit(BatchAccounting.QUARANTINED)))
            .withColumn(
                "document_key",
                concat(col("direction"), lit(":"), col("document_id").cast(DataTypes.StringType)))
            .withColumn("province_code", col("u_province"))
            .drop("j", "u_code", "u_province", "u_from", "u_to");
    return checked.unionByName(duplicates, true);
  }

  private static Column futureDocument() {
    // Issued or arrived after the row was last changed (plus a day's grace): impossible.
    return coalesce(
        col("document_date").gt(to_date(date_add(col("source_updated_at"), 1))), lit(false));
  }

  private static Column reason() {
    Column malformed = col("j").isNull().or(col("j._corrupt_record").isNotNull());
    Column missing =
        col("number")
            .isNull()
            .or(text(col("j.ngay_ban_hanh")).isNull().and(text(col("j.ngay_den")).isNull()));
    for (String f : REQUIRED) {
      missing = missing.or(text(col("j." + f)).isNull());
    }
    Column badDate = lit(false);
    for (String f : DATE_FIELDS) {
      badDate = badDate.or(badTimestamp(col("j." + f)));
    }
    Column badCode =
        badBool(col("j.da_ky_so"))
            .or(badBool(col("j.gui_truc_lien_thong")))
            .or(badBool(col("j.nhan_truc_lien_thong")))
            .or(badBool(col("j.xu_ly_tren_he_thong")))
            .or(col("year").isNull())
            .or(col("year").lt(2000))
            .or(col("year").gt(2100));
    return when(malformed, lit(ReasonCode.MALFORMED_JSON.name()))
        .when(col("document_id").isNull(), lit(ReasonCode.MISSING_KEY.name()))
        .when(missing, lit(ReasonCode.MISSING_FIELD.name()))
        .when(badDate, lit(ReasonCode.INVALID_DATE.name()))
        .when(futureDocument(), lit(ReasonCode.FUTURE_DATE.name()))
        .when(badCode, lit(ReasonCode.INVALID_CODE.name()))
        .when(col("u_code").isNull(), lit(ReasonCode.UNKNOWN_UNIT.name()));
  }

  private static Column detail() {
    Column r = col("reason_code");
    return when(r.equalTo(ReasonCode.MALFORMED_JSON.name()), lit("the row is not a JSON object"))
        .when(r.equalTo(ReasonCode.MISSING_KEY.name()), lit("id is missing"))
        .when(
            r.equalTo(ReasonCode.MISSING_FIELD.name()),
            lit(
                "one of ma_co_quan, nam, so/so_den, ngay_ban_hanh/ngay_den, loai_van_ban,"
                    + " trich_yeu, ngay_cap_nhat is missing"))
        .when(r.equalTo(ReasonCode.INVALID_DATE.name()), lit("a date field is not a valid date"))
        .when(
            r.equalTo(ReasonCode.FUTURE_DATE.name()),
            concat(
                lit("document date "),
                col("document_date").cast(DataTypes.StringType),
                lit(" is after the row's last change "),
                col("source_updated_at").cast(DataTypes.StringType)))
        .when(
            r.equalTo(ReasonCode.INVALID_CODE.name()),
            lit("a flag is not true/false or nam is out of range"))
        .when(
            r.equalTo(ReasonCode.UNKNOWN_UNIT.name()),
            concat(
                lit("ma_co_quan = '"),
                col("unit_code"),
                lit("' is not a known unit on "),
                col("document_date").cast(DataTypes.StringType)));
  }

  /** The accepted rows reduced to the latest version of each document, in the catalog's columns. */
  public static Dataset<Row> accepted(Dataset<Row> classified) {
    return BatchAccounting.latestAccepted(
        classified, Tables.SILVER_DOCUMENT, "document_key", "source_updated_at");
  }

  /** The quarantined rows, in the catalog's columns. */
  public static Dataset<Row> quarantine(Dataset<Row> classified) {
    return BatchAccounting.quarantined(classified, Tables.QUARANTINE_DOCUMENT);
  }

  /** Processes every extracted, not yet processed document batch. */
  public static StepResult run(JobContext ctx) {
    Dataset<Row> units = ctx.tables().read(Tables.SILVER_UNIT);
    return BatchAccounting.process(
        ctx,
        new BatchAccounting.SilverLoad(
            DmsExtractJob.SOURCE,
            Tables.BRONZE_DMS_DOCUMENT,
            Tables.SILVER_DOCUMENT,
            Tables.QUARANTINE_DOCUMENT,
            bronze -> classify(bronze, units),
            "document_key",
            "source_updated_at",
            "year",
            true));
  }
}
