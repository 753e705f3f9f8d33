package vn.dti.etl.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static vn.dti.etl.silver.Parsing.badTimestamp;
import static vn.dti.etl.silver.Parsing.code;
import static vn.dti.etl.silver.Parsing.integer;
import static vn.dti.etl.silver.Parsing.text;
import static vn.dti.etl.silver.Parsing.timestamp;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.etl.bronze.BronzeDossierJob;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.privacy.Pseudonymizer;
import vn.dti.etl.privacy.Pseudonymizer.Kind;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;

/**
 * Turns bronze portal records into {@code silver.dossier} (one row per MaHoSo, latest source
 * timestamp wins, safe when versions arrive out of order) and {@code quarantine.dossier}. Every
 * bronze record ends in exactly one of: accepted, quarantined (with a {@link ReasonCode}), or
 * collapsed as an exact duplicate of a line in its batch.
 */
public final class SilverDossierJob {
  public static final String STEP = Tables.SILVER_DOSSIER.name();

  /** Dispositions of a bronze record. */
  public static final String ACCEPTED = BatchAccounting.ACCEPTED;

  public static final String QUARANTINED = BatchAccounting.QUARANTINED;
  public static final String DUPLICATE = BatchAccounting.DUPLICATE;

  static final List<String> SOURCE_FIELDS =
      List.of(
          "MaHoSo",
          "MaTTHC",
          "DonViXuLy",
          "KenhThucHien",
          "MucDo",
          "NgayNopHoSo",
          "NgayTiepNhan",
          "NgayHenTra",
          "NgayKetThucXuLy",
          "NgayTra",
          "TrangThaiHoSo",
          "HoSoCoThanhPhanSoHoa",
          "DuocThanhToanTrucTuyen",
          "TaiKhoanDuocXacThucVoiVNeID",
          "ChuHoSo",
          "SoGiayToChuHoSo",
          "SoDienThoai",
          "Email",
          "NgayCapNhat",
          "DanhSachHoSoBoSung",
          "DanhSachLePhi",
          "DanhSachTepDinhKem",
          "DanhSachGiayToKetQua",
          "QuaTrinhXuLy");

  /** The nested lists that become child tables. */
  private static final List<String> CHILD_LISTS =
      List.of("QuaTrinhXuLy", "DanhSachHoSoBoSung", "DanhSachLePhi", "DanhSachGiayToKetQua");

  /** Dates of things that have happened; a value after the extract's day is impossible. */
  private static final List<String> EVENT_FIELDS =
      List.of("NgayNopHoSo", "NgayTiepNhan", "NgayKetThucXuLy", "NgayTra", "NgayCapNhat");

  private static final List<String> DATE_FIELDS =
      List.of(
          "NgayCapNhat", "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra");

  private SilverDossierJob() {}

  /**
   * Classifies bronze records. Pure. The result has one row per bronze record with {@code
   * disposition}, {@code reason_code}, {@code reason_detail}, the lineage columns and, for accepted
   * records, the silver columns.
   */
  public static Dataset<Row> classify(Dataset<Row> bronze, Dataset<Row> units, PseudonymKey key) {
    Dataset<Row> ranked = BatchAccounting.numberCopies(bronze);
    Dataset<Row> duplicates = BatchAccounting.duplicates(ranked);
    Dataset<Row> parsed = BatchAccounting.parseFirstCopies(ranked, SOURCE_FIELDS);
    Dataset<Row> typed = parsed.select(typedColumns().toArray(Column[]::new));
    Column refDate =
        to_date(org.apache.spark.sql.functions.coalesce(col("received_at"), col("submitted_at")));
    Dataset<Row> withUnit = Parsing.withUnit(typed, units, refDate);
    // Two different records of one dossier claiming the same update time in one file: neither
    // can be trusted over the other, so both go to quarantine and the stored version stands.
    WindowSpec sameVersion = Window.partitionBy("_batch_id", "dossier_id", "source_updated_at");
    Dataset<Row> checked =
        withUnit
            .withColumn("reason_code", reason())
            .withColumn(
                "_versions",
                sum(when(col("reason_code").isNull(), 1L).otherwise(0L)).over(sameVersion))
            .withColumn(
                "reason_code",
                when(
                        col("reason_code").isNull().and(col("_versions").gt(1)),
                        lit(ReasonCode.CONFLICTING_DUPLICATE.name()))
                    .otherwise(col("reason_code")))
            .drop("_versions")
            .withColumn("reason_detail", detail())
            .withColumn(
                "disposition",
                when(col("reason_code").isNull(), lit(ACCEPTED)).otherwise(lit(QUARANTINED)))
            .withColumn("province_code", col("u_province"))
            .withColumn(
                "is_received",
                col("status_code").isNotNull().and(col("status_code").isin(1, 3).unary_$bang()))
            .withColumn("received_date", to_date(col("received_at")))
            .withColumn("submitted_month", date_format(col("submitted_at"), "yyyy-MM"))
            .withColumn(
                "applicant_pseudonym", Pseudonymizer.udf(key, Kind.NAME).apply(col("j.ChuHoSo")))
            .withColumn(
                "applicant_id_pseudonym",
                Pseudonymizer.udf(key, Kind.ID_NUMBER).apply(col("j.SoGiayToChuHoSo")))
            .withColumn(
                "phone_pseudonym", Pseudonymizer.udf(key, Kind.PHONE).apply(col("j.SoDienThoai")))
            .withColumn("email_pseudonym", Pseudonymizer.udf(key, Kind.EMAIL).apply(col("j.Email")))
            // Only the nested lists stay parsed: the child tables are built from them.
            .withColumn(
                "j",
                org.apache.spark.sql.functions.struct(
                    CHILD_LISTS.stream().map(f -> col("j." + f).as(f)).toArray(Column[]::new)))
            .drop("u_code", "u_province", "u_from", "u_to", "_business_date");
    return checked.unionByName(duplicates, true);
  }

  /**
   * The accepted records reduced to the latest version of each dossier, in the catalog's columns.
   */
  public static Dataset<Row> accepted(Dataset<Row> classified) {
    return BatchAccounting.latestAccepted(
        classified, Tables.SILVER_DOSSIER, "dossier_id", "source_updated_at");
  }

  /** The quarantined records, in the catalog's columns. */
  public static Dataset<Row> quarantine(Dataset<Row> classified) {
    return BatchAccounting.quarantined(classified, Tables.QUARANTINE_DOSSIER);
  }

  /** Per batch: records, accepted, quarantined, duplicates. */
  public static Dataset<Row> countsByBatch(Dataset<Row> classified) {
    return BatchAccounting.countsByBatch(classified);
  }

  /** Processes every ingested, not yet processed portal batch. */
  public static StepResult run(JobContext ctx, PseudonymKey key) {
    Dataset<Row> units = ctx.tables().read(Tables.SILVER_UNIT);
    return BatchAccounting.process(
        ctx,
        new BatchAccounting.SilverLoad(
            BronzeDossierJob.SOURCE,
            Tables.BRONZE_PORTAL_DOSSIER,
            Tables.SILVER_DOSSIER,
            Tables.QUARANTINE_DOSSIER,
            bronze -> classify(bronze, units, key),
            "dossier_id",
            "source_updated_at",
            "submitted_month",
            true,
            CHILDREN));
  }

  /**
   * The nested lists kept as their own silver tables: status history, supplement requests, fee
   * lines and result documents, each row numbered by its position in the list.
   */
  static final List<BatchAccounting.ChildTable> CHILDREN =
      List.of(
          new BatchAccounting.ChildTable(
              Tables.SILVER_DOSSIER_EVENT,
              w ->
                  explode(
                      w,
                      "QuaTrinhXuLy",
                      "array<struct<TrangThai:string,ThoiDiem:string>>",
                      "event_seq",
                      integer(col("x.TrangThai")).as("status_code"),
                      timestamp(col("x.ThoiDiem")).as("event_at"))),
          new BatchAccounting.ChildTable(
              Tables.SILVER_DOSSIER_SUPPLEMENT,
              w ->
                  explode(
                      w,
                      "DanhSachHoSoBoSung",
                      "array<struct<NgayYeuCau:string,NgayBoSung:string>>",
                      "supplement_seq",
                      timestamp(col("x.NgayYeuCau")).as("requested_at"),
                      timestamp(col("x.NgayBoSung")).as("supplied_at"))),
          new BatchAccounting.ChildTable(
              Tables.SILVER_DOSSIER_FEE,
              w ->
                  explode(
                      w,
                      "DanhSachLePhi",
                      "array<struct<MaPhiLePhi:string,TenPhiLePhi:string,LoaiPhiLePhi:string,"
                          + "SoTien:string>>",
                      "fee_seq",
                      code(col("x.MaPhiLePhi")).as("fee_code"),
                      Parsing.nfc(text(col("x.TenPhiLePhi"))).as("fee_name"),
                      integer(col("x.LoaiPhiLePhi")).as("fee_kind"),
                      Parsing.amount(col("x.SoTien")).as("amount_vnd"))),
          new BatchAccounting.ChildTable(
              Tables.SILVER_DOSSIER_RESULT,
              w ->
                  explode(
                      w,
                      "DanhSachGiayToKetQua",
                      "array<struct<MaGiayToKetQua:string,TenGiayTo:string,"
                          + "DuongDanTepTinKetQua:string>>",
                      "result_seq",
                      code(col("x.MaGiayToKetQua")).as("result_code"),
                      Parsing.nfc(text(col("x.TenGiayTo"))).as("result_name"),
                      text(col("x.DuongDanTepTinKetQua")).isNotNull().as("is_electronic"))));

  /**
   * One row per element of the nested list {@code field} of each winning dossier, numbered from 1
   * in list order, with the dossier's key, unit, partition and version. A list that is absent or
   * not valid JSON gives no rows.
   */
  private static Dataset<Row> explode(
      Dataset<Row> winners, String field, String schema, String seq, Column... own) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("dossier_id"));
    cols.add(col("_pos").plus(1).cast(DataTypes.IntegerType).as(seq));
    cols.addAll(List.of(own));
    for (String c :
        List.of(
            "unit_code", "province_code", "submitted_month", "source_updated_at", "_batch_id")) {
      cols.add(col(c));
    }
    return winners
        .select(
            col("dossier_id"),
            col("unit_code"),
            col("province_code"),
            col("submitted_month"),
            col("source_updated_at"),
            col("_batch_id"),
            org.apache
                .spark
                .sql
                .functions
                .posexplode(expr("from_json(j." + field + ", '" + schema + "')"))
                .as(new String[] {"_pos", "x"}))
        .select(cols.toArray(Column[]::new));
  }

  private static java.util.function.Function<String, Column> functions_col() {
    return org.apache.spark.sql.functions::col;
  }

  private static List<Column> typedColumns() {
    List<Column> c = new ArrayList<>();
    c.add(col("_batch_id"));
    c.add(col("_source_file"));
    c.add(col("_record_hash"));
    c.add(col("raw_record"));
    c.add(col("j"));
    c.add(code(col("j.MaHoSo")).as("dossier_id"));
    c.add(code(col("j.MaTTHC")).as("procedure_code"));
    c.add(code(col("j.DonViXuLy")).as("unit_code"));
    c.add(integer(col("j.KenhThucHien")).as("channel_code"));
    c.add(integer(col("j.MucDo")).as("online_level"));
    c.add(integer(col("j.TrangThaiHoSo")).as("status_code"));
    c.add(timestamp(col("j.NgayNopHoSo")).as("submitted_at"));
    c.add(timestamp(col("j.NgayTiepNhan")).as("received_at"));
    c.add(timestamp(col("j.NgayHenTra")).as("due_at"));
    c.add(timestamp(col("j.NgayKetThucXuLy")).as("processing_finished_at"));
    c.add(timestamp(col("j.NgayTra")).as("returned_at"));
    c.add(timestamp(col("j.NgayCapNhat")).as("source_updated_at"));
    c.add(Parsing.businessDate(col("_source_file")).as("_business_date"));
    c.add(flag(col("j.HoSoCoThanhPhanSoHoa")).as("has_digitised_components"));
    c.add(flag(col("j.DuocThanhToanTrucTuyen")).as("is_paid_online"));
    c.add(flag(col("j.TaiKhoanDuocXacThucVoiVNeID")).as("is_vneid_linked"));
    c.add(
        coalesce(
                expr(
                    "exists(from_json(j.DanhSachGiayToKetQua,"
                        + " 'array<struct<DuongDanTepTinKetQua:string>>'),"
                        + " x -> nullif(trim(x.DuongDanTepTinKetQua), '') is not null)"),
                lit(false))
            .as("has_electronic_result"));
    c.add(anyAttachment("DuocTaiSuDung").as("uses_reused_data"));
    c.add(anyAttachment("DuocLayTuKhoDMQG").as("uses_data_store"));
    c.add(arrayLength("DanhSachLePhi").gt(0).as("has_fees"));
    c.add(
        coalesce(
                expr(
                    "exists(from_json(j.DanhSachLePhi, 'array<struct<LoaiPhiLePhi:string>>'),"
                        + " x -> x.LoaiPhiLePhi = '3')"),
                lit(false))
            .as("has_financial_obligation"));
    c.add(arrayLength("DanhSachHoSoBoSung").as("supplement_count"));
    return c;
  }

  /**
   * True where an event date (not the due date, which is legitimately ahead) lies after the day
   * after the extract's business day: the source cannot know what has not happened yet.
   */
  private static Column futureDate(String field) {
    Column limit = date_add(col("_business_date"), 2).cast(DataTypes.TimestampNTZType);
    return timestamp(col("j." + field)).geq(limit);
  }

  /** Elements of a nested array field; 0 when absent or not an array. */
  private static Column arrayLength(String field) {
    return coalesce(expr("try_cast(json_array_length(j." + field + ") as int)"), lit(0));
  }

  /** Whether any attachment (DanhSachTepDinhKem) has {@code flag} = 1. */
  private static Column anyAttachment(String flag) {
    return coalesce(
        expr(
            "exists(from_json(j.DanhSachTepDinhKem, 'array<struct<"
                + flag
                + ":string>>'), x -> x."
                + flag
                + " = '1')"),
        lit(false));
  }

  /** 1 or 2 (paid on the national or the local gateway) is true; absent or 0 is false. */
  private static Column flag(Column c) {
    Column n = integer(c);
    return n.isNotNull().and(n.gt(0));
  }

  private static Column flagInvalid(String field) {
    Column raw = text(col("j." + field));
    Column n = integer(col("j." + field));
    return raw.isNotNull().and(n.isNull().or(n.lt(0)).or(n.gt(2)));
  }

  private static Column isReceivedStatus() {
    return col("status_code").isNotNull().and(col("status_code").isin(1, 3).unary_$bang());
  }

  /** The first failing check, in {@link ReasonCode} order; null when the record is acceptable. */
  private static Column reason() {
    Column malformed = col("j").isNull().or(col("j._corrupt_record").isNotNull());
    Column missingField =
        col("unit_code")
            .isNull()
            .or(text(col("j.TrangThaiHoSo")).isNull())
            .or(text(col("j.KenhThucHien")).isNull())
            .or(text(col("j.NgayNopHoSo")).isNull())
            .or(text(col("j.NgayCapNhat")).isNull())
            .or(
                isReceivedStatus()
                    .and(
                        text(col("j.NgayTiepNhan"))
                            .isNull()
                            .or(text(col("j.NgayHenTra")).isNull())));
    Column badDate = lit(false);
    for (String f : DATE_FIELDS) {
      badDate = badDate.or(badTimestamp(col("j." + f)));
    }
    Column future = lit(false);
    for (String f : EVENT_FIELDS) {
      future = future.or(coalesce(futureDate(f), lit(false)));
    }
    Column badCode =
        col("status_code")
            .isNull()
            .or(col("status_code").lt(1))
            .or(col("status_code").gt(10))
            .or(col("channel_code").isNull())
            .or(col("channel_code").lt(1))
            .or(col("channel_code").gt(3))
            .or(
                text(col("j.MucDo"))
                    .isNotNull()
                    .and(
                        col("online_level")
                            .isNull()
                            .or(col("online_level").lt(2))
                            .or(col("online_level").gt(4))))
            .or(flagInvalid("HoSoCoThanhPhanSoHoa"))
            .or(flagInvalid("DuocThanhToanTrucTuyen"))
            .or(flagInvalid("TaiKhoanDuocXacThucVoiVNeID"));
    return when(malformed, lit(ReasonCode.MALFORMED_JSON.name()))
        .when(col("dossier_id").isNull(), lit(ReasonCode.MISSING_KEY.name()))
        .when(missingField, lit(ReasonCode.MISSING_FIELD.name()))
        .when(badDate, lit(ReasonCode.INVALID_DATE.name()))
        .when(future, lit(ReasonCode.FUTURE_DATE.name()))
        .when(badCode, lit(ReasonCode.INVALID_CODE.name()))
        .when(col("u_code").isNull(), lit(ReasonCode.UNKNOWN_UNIT.name()));
  }

  /** A sentence naming the field and value at fault. */
  private static Column detail() {
    Column r = col("reason_code");
    Column dateDetail = lit(null).cast(DataTypes.StringType);
    for (int i = DATE_FIELDS.size() - 1; i >= 0; i--) {
      String f = DATE_FIELDS.get(i);
      dateDetail =
          when(
                  badTimestamp(col("j." + f)),
                  concat(lit(f + " = '"), col("j." + f), lit("' is not a valid date")))
              .otherwise(dateDetail);
    }
    Column futureDetail = lit(null).cast(DataTypes.StringType);
    for (int i = EVENT_FIELDS.size() - 1; i >= 0; i--) {
      String f = EVENT_FIELDS.get(i);
      futureDetail =
          when(
                  coalesce(futureDate(f), lit(false)),
                  concat(
                      lit(f + " = '"),
                      col("j." + f),
                      lit("' is after the extract's day "),
                      col("_business_date").cast(DataTypes.StringType)))
              .otherwise(futureDetail);
    }
    Column missing = lit(null).cast(DataTypes.StringType);
    String[] required = {
      "NgayHenTra",
      "NgayTiepNhan",
      "NgayCapNhat",
      "NgayNopHoSo",
      "KenhThucHien",
      "TrangThaiHoSo",
      "DonViXuLy"
    };
    for (String f : required) {
      missing = when(text(col("j." + f)).isNull(), lit(f + " is missing")).otherwise(missing);
    }
    return when(r.equalTo(ReasonCode.MALFORMED_JSON.name()), lit("the line is not a JSON object"))
        .when(r.equalTo(ReasonCode.MISSING_KEY.name()), lit("MaHoSo is missing or blank"))
        .when(r.equalTo(ReasonCode.MISSING_FIELD.name()), missing)
        .when(r.equalTo(ReasonCode.INVALID_DATE.name()), dateDetail)
        .when(r.equalTo(ReasonCode.FUTURE_DATE.name()), futureDetail)
        .when(
            r.equalTo(ReasonCode.CONFLICTING_DUPLICATE.name()),
            concat(
                lit("another record of "),
                col("dossier_id"),
                lit(" in the same file has the same NgayCapNhat '"),
                col("j.NgayCapNhat"),
                lit("' and different content")))
        .when(
            r.equalTo(ReasonCode.INVALID_CODE.name()),
            concat(
                lit("codes out of range: TrangThaiHoSo="),
                org.apache.spark.sql.functions.coalesce(col("j.TrangThaiHoSo"), lit("null")),
                lit(", KenhThucHien="),
                org.apache.spark.sql.functions.coalesce(col("j.KenhThucHien"), lit("null")),
                lit(", MucDo="),
                org.apache.spark.sql.functions.coalesce(col("j.MucDo"), lit("null"))))
        .when(
            r.equalTo(ReasonCode.UNKNOWN_UNIT.name()),
            concat(
                lit("DonViXuLy = '"),
                col("unit_code"),
                lit("' is not a known unit on "),
                org.apache.spark.sql.functions.coalesce(
                    col("j.NgayTiepNhan"), col("j.NgayNopHoSo"))));
  }
}
