package vn.dti.warehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static vn.dti.warehouse.catalog.ColumnSpec.optional;
import static vn.dti.warehouse.catalog.ColumnSpec.required;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The warehouse's tables. Each entry states the grain and documents every column in English and
 * Vietnamese; jobs write only through these specs, so the schema check, table creation and the data
 * dictionary share one source.
 */
public final class Tables {
  private Tables() {}

  /**
   * Wall-clock times as the source systems record them (Vietnam local time, no offset). Kept
   * without a time zone so that dates never shift between the JVM's, Spark's and DuckDB's zones.
   */
  public static final org.apache.spark.sql.types.DataType LOCAL_TIMESTAMP =
      DataTypes.TimestampNTZType;

  /** Points and scores: 4 decimals are kept, publication rounds further. */
  public static final DecimalType SCORE = DataTypes.createDecimalType(10, 4);

  // ---------------------------------------------------------------- ops
  public static final TableSpec OPS_JOB_RUN =
      table(
          Layer.OPS,
          "job_run",
          "one row per step of a run (skipped steps included)",
          List.of(),
          List.of("run_id", "step"),
          required(
              "run_id",
              StringType,
              "Run identifier (UTC start time + random suffix)",
              "Mã lượt chạy"),
          required("step", StringType, "Step name, e.g. silver.dossier", "Tên bước"),
          required(
              "status",
              StringType,
              "SUCCESS, SKIPPED or FAILED",
              "Trạng thái: SUCCESS, SKIPPED, FAILED"),
          required("started_at", TimestampType, "When the step started", "Thời điểm bắt đầu"),
          required(
              "seconds", DoubleType, "Wall-clock duration in seconds", "Thời gian chạy (giây)"),
          required("rows_read", LongType, "Records read by the step", "Số bản ghi đọc vào"),
          required("rows_accepted", LongType, "Records accepted", "Số bản ghi được chấp nhận"),
          required(
              "rows_quarantined", LongType, "Records sent to quarantine", "Số bản ghi bị cách ly"),
          required(
              "rows_duplicate",
              LongType,
              "Exact duplicates collapsed",
              "Số bản ghi trùng lặp bị gộp"),
          required(
              "rows_written", LongType, "Rows written to the output table(s)", "Số dòng ghi ra"),
          optional(
              "input_versions",
              StringType,
              "Delta versions of the inputs read",
              "Phiên bản Delta của dữ liệu vào"),
          optional(
              "output_versions",
              StringType,
              "Delta versions of the outputs after the step",
              "Phiên bản Delta của dữ liệu ra"),
          optional("message", StringType, "Human-readable outcome or error", "Thông điệp"));

  public static final TableSpec OPS_BATCH =
      table(
          Layer.OPS,
          "batch",
          "one row per source batch (a file identified by its content digest)",
          List.of(),
          List.of("batch_id"),
          required(
              "batch_id",
              StringType,
              "Source + SHA-256 of the file content",
              "Mã lô: nguồn + SHA-256 nội dung tệp"),
          required("source", StringType, "Source system, e.g. portal", "Hệ thống nguồn"),
          required("source_file", StringType, "File name as delivered", "Tên tệp nguồn"),
          optional(
              "business_date", DateType, "Business day the file covers", "Ngày nghiệp vụ của tệp"),
          required(
              "content_sha256", StringType, "SHA-256 of the file bytes", "Mã băm SHA-256 của tệp"),
          required("file_bytes", LongType, "File size in bytes", "Dung lượng tệp (byte)"),
          required(
              "status",
              StringType,
              "INGESTED (in bronze) or PROCESSED (in silver)",
              "Trạng thái lô"),
          required(
              "records_read",
              LongType,
              "Records in the file (non-blank lines)",
              "Số bản ghi trong tệp"),
          required(
              "records_accepted",
              LongType,
              "Records accepted into silver",
              "Số bản ghi được chấp nhận"),
          required("records_quarantined", LongType, "Records quarantined", "Số bản ghi bị cách ly"),
          required(
              "records_duplicate", LongType, "Exact duplicates collapsed", "Số bản ghi trùng lặp"),
          required("ingest_run_id", StringType, "Run that ingested the batch", "Lượt chạy nạp lô"),
          optional(
              "process_run_id",
              StringType,
              "Run that processed the batch into silver",
              "Lượt chạy xử lý lô"));

  public static final TableSpec OPS_WATERMARK =
      table(
          Layer.OPS,
          "watermark",
          "one row per incrementally extracted source table: how far it has been read",
          List.of(),
          List.of("source", "entity"),
          required("source", StringType, "Source system, e.g. dms", "Hệ thống nguồn"),
          required("entity", StringType, "Source table, e.g. qlvb.van_ban_di", "Bảng nguồn"),
          required(
              "high_watermark",
              LOCAL_TIMESTAMP,
              "Largest change time (ngay_cap_nhat) extracted so far",
              "Mốc thời gian cập nhật lớn nhất đã trích xuất"),
          required(
              "rows_extracted",
              LongType,
              "Rows extracted from this table in all runs",
              "Tổng số bản ghi đã trích xuất"),
          required("batch_id", StringType, "Batch of the last extract", "Mã lô gần nhất"),
          required("run_id", StringType, "Run of the last extract", "Lượt chạy gần nhất"),
          required("updated_at", TimestampType, "When the watermark moved", "Thời điểm cập nhật"));

  public static final TableSpec OPS_QUALITY_RESULT =
      table(
          Layer.OPS,
          "quality_result",
          "one row per run, batch and declared quality rule (quality/rules.yaml): how many records"
              + " were judged and how many broke the rule",
          List.of(),
          List.of("run_id", "batch_id", "rule_code"),
          required("run_id", StringType, "Run that evaluated the rule", "Mã lượt chạy"),
          required("batch_id", StringType, "Batch evaluated", "Mã lô"),
          required("table_name", StringType, "Silver table the rule applies to", "Bảng dữ liệu"),
          required("rule_code", StringType, "Rule code", "Mã quy tắc chất lượng"),
          required(
              "severity",
              StringType,
              "REJECT (to quarantine) or WARN (counted)",
              "Mức độ: REJECT (cách ly) hoặc WARN (cảnh báo)"),
          required(
              "records_checked",
              LongType,
              "Records of the batch that passed the job's own checks and were judged",
              "Số bản ghi được kiểm tra"),
          required(
              "records_failed",
              LongType,
              "Records breaking the rule (for REJECT: sent to quarantine with its code)",
              "Số bản ghi vi phạm"),
          required(
              "outcome",
              StringType,
              "PASSED, WARNED or REJECTED",
              "Kết quả: PASSED, WARNED, REJECTED"),
          required("evaluated_at", TimestampType, "When it was evaluated", "Thời điểm kiểm tra"));

  /**
   * What the quarantine holds, counted, for analysts: the quarantine tables keep each raw record
   * (personal data included) and stay in the warehouse; these counts carry none of it.
   */
  public static final TableSpec OPS_QUARANTINE_COUNT =
      table(
          Layer.OPS,
          "quarantine_count",
          "one row per batch, quarantine table, reason code, unit and day: how many records were"
              + " quarantined (counts only; the raw records stay in the warehouse)",
          List.of(),
          List.of(),
          required("source", StringType, "Source system of the batches", "Hệ thống nguồn"),
          required(
              "batch_id", StringType, "Batch the records came in (ops.batch)", "Mã lô (ops.batch)"),
          required(
              "table_name",
              StringType,
              "Quarantine table, e.g. quarantine.dossier",
              "Bảng cách ly, ví dụ quarantine.dossier"),
          required(
              "reason_code",
              StringType,
              "Why the records were rejected (see docs/QUALITY.md)",
              "Mã lý do bị cách ly"),
          optional(
              "unit_code",
              StringType,
              "Unit code as the records give it (null when the record could not be read as JSON or"
                  + " names none; may be a code the unit list does not know)",
              "Mã đơn vị ghi trong bản ghi (trống nếu không đọc được)"),
          optional(
              "province_code",
              StringType,
              "Province of the unit on that day (null when the unit is unknown)",
              "Mã tỉnh của đơn vị (trống nếu không xác định)"),
          optional(
              "day",
              DateType,
              "The records' own date (dossier and feedback received, payment made, document"
                  + " issued or received) or, when it cannot be read, the business day of the file"
                  + " they came in; null for self-assessment rows, dated by year",
              "Ngày của bản ghi (hoặc ngày nghiệp vụ của tệp)"),
          required("records", LongType, "Records quarantined", "Số bản ghi bị cách ly"));

  // ---------------------------------------------------------------- bronze
  public static final TableSpec BRONZE_PORTAL_DOSSIER =
      bronze(
          "portal_dossier",
          "one row per line received from the portal's dossier extract (append-only)",
          "line",
          "File the line came from");

  public static final TableSpec BRONZE_PORTAL_FEEDBACK =
      bronze(
          "portal_feedback",
          "one row per line received from the portal's feedback (PAKN) extract (append-only)",
          "line",
          "File the line came from");

  public static final TableSpec BRONZE_DMS_DOCUMENT =
      bronze(
          "dms_document",
          "one row per document row extracted from the document-management database"
              + " (append-only; the row as JSON, as PostgreSQL's row_to_json wrote it)",
          "row",
          "Source table and watermark range of the extract");

  public static final TableSpec BRONZE_PAYMENT =
      bronze(
          "payment",
          "one row per row of the payment platforms' daily reconciliation files, CSV or XLSX"
              + " (append-only; the row as a JSON object of its cells as text)",
          "row",
          "File the row came from");

  public static final TableSpec BRONZE_ASSESSMENT =
      bronze(
          "assessment",
          "one row per indicator row of a self-assessment workbook (append-only; the row as JSON"
              + " with the form's unit and year), or one row for a workbook whose layout is wrong",
          "row",
          "Workbook the row came from");

  // ---------------------------------------------------------------- quarantine
  public static final TableSpec QUARANTINE_DOSSIER =
      quarantine("dossier", "one row per rejected portal dossier record");

  public static final TableSpec QUARANTINE_FEEDBACK =
      quarantine("feedback", "one row per rejected feedback (PAKN) record");

  public static final TableSpec QUARANTINE_PAYMENT =
      quarantine("payment", "one row per rejected payment reconciliation row");

  public static final TableSpec QUARANTINE_ASSESSMENT =
      quarantine(
          "assessment", "one row per rejected self-assessment row, or per rejected workbook");

  public static final TableSpec QUARANTINE_DOCUMENT =
      quarantine("document", "one row per rejected document-management record");

  // ---------------------------------------------------------------- silver
  public static final TableSpec SILVER_UNIT =
      table(
          Layer.SILVER,
          "unit",
          "one row per administrative unit or agency per validity interval",
          List.of(),
          List.of("unit_code", "valid_from"),
          required(
              "unit_code",
              StringType,
              "Statistics-office code (province) or agency code",
              "Mã đơn vị"),
          required("unit_name", StringType, "Official name", "Tên đơn vị"),
          required(
              "unit_level",
              StringType,
              "province, department, district or commune",
              "Cấp: tỉnh, sở, huyện, xã"),
          optional("parent_unit_code", StringType, "Unit it belongs to", "Mã đơn vị cấp trên"),
          required(
              "province_code", StringType, "Province (2-digit code) valid at the time", "Mã tỉnh"),
          required(
              "era",
              StringType,
              "63 (before 2025-07-01) or 34 (from then on)",
              "Giai đoạn: 63 hoặc 34 tỉnh"),
          required("valid_from", DateType, "First day the row is valid", "Hiệu lực từ ngày"),
          optional(
              "valid_to",
              DateType,
              "First day it is no longer valid (null: still valid)",
              "Hết hiệu lực từ ngày"),
          optional(
              "successor_province_code",
              StringType,
              "For a 63-era province: the 34-era province it joined",
              "Mã tỉnh mới sau sắp xếp"));

  public static final TableSpec SILVER_FEEDBACK =
      table(
          Layer.SILVER,
          "feedback",
          "one row per citizen feedback item (PAKN), its latest known state",
          List.of("received_month"),
          List.of("feedback_id"),
          required("feedback_id", StringType, "Feedback code (MaPAKN)", "Mã phản ánh, kiến nghị"),
          required("unit_code", StringType, "Agency handling it (DonViXuLy)", "Đơn vị xử lý"),
          required("province_code", StringType, "Province on the day", "Mã tỉnh"),
          optional("dossier_id", StringType, "Dossier concerned (MaHoSo)", "Mã hồ sơ liên quan"),
          optional(
              "category",
              IntegerType,
              "PhanLoai: 1 feedback, 2 petition, 3 complaint",
              "Phân loại"),
          required("received_at", LOCAL_TIMESTAMP, "Received (NgayTiepNhan)", "Ngày tiếp nhận"),
          required("received_date", DateType, "Day received", "Ngày tiếp nhận (ngày)"),
          required("received_month", StringType, "yyyy-MM received (partition)", "Tháng tiếp nhận"),
          optional("due_at", LOCAL_TIMESTAMP, "Deadline (HanXuLy)", "Hạn xử lý"),
          optional("resolved_at", LOCAL_TIMESTAMP, "Answered (NgayXuLy)", "Ngày xử lý"),
          optional("status_code", IntegerType, "TrangThai: 1 received, 3 answered", "Trạng thái"),
          optional("likes", IntegerType, "SoLuotThich", "Số lượt thích"),
          optional("dislikes", IntegerType, "SoLuotKhongThich", "Số lượt không thích"),
          optional(
              "sender_pseudonym", StringType, "Keyed pseudonym of the sender", "Bí danh người gửi"),
          optional(
              "phone_pseudonym", StringType, "Keyed pseudonym of the phone", "Bí danh điện thoại"),
          optional(
              "email_pseudonym",
              StringType,
              "Keyed pseudonym of the e-mail",
              "Bí danh thư điện tử"),
          required(
              "source_updated_at",
              LOCAL_TIMESTAMP,
              "Last change in the source (NgayCapNhat)",
              "Thời điểm cập nhật ở nguồn"),
          required("_batch_id", StringType, "Batch the version came in", "Mã lô"));

  public static final TableSpec SILVER_PAYMENT =
      table(
          Layer.SILVER,
          "payment",
          "one row per payment transaction (MaGiaoDich), its latest reported status",
          List.of("payment_month"),
          List.of("transaction_id"),
          required("transaction_id", StringType, "Transaction (MaGiaoDich)", "Mã giao dịch"),
          required(
              "payment_reference", StringType, "Payment request (MaThamChieu)", "Mã tham chiếu"),
          required("dossier_id", StringType, "Dossier paid for (MaHoSo)", "Mã hồ sơ"),
          optional("procedure_code", StringType, "Procedure (MaTTHC)", "Mã thủ tục"),
          required("unit_code", StringType, "Agency (MaDonVi), normalised", "Mã đơn vị"),
          required("province_code", StringType, "Province of the agency on the date", "Mã tỉnh"),
          required("amount_vnd", LongType, "Amount in dong (SoTien)", "Số tiền (đồng)"),
          optional("fee_type", StringType, "Phí, Lệ phí, Nghĩa vụ tài chính (LoaiPhi)", "Loại phí"),
          optional("bank", StringType, "Bank or wallet (NganHang)", "Ngân hàng"),
          optional("error_code", StringType, "MaLoi; 00 is success", "Mã lỗi"),
          required(
              "status_code",
              IntegerType,
              "TrangThaiGD: 1 success, 3 pending, 4 failed",
              "Trạng thái giao dịch"),
          required(
              "channel",
              StringType,
              "national (PayGov) or provincial platform",
              "Kênh thanh toán: quốc gia hoặc tỉnh"),
          required(
              "transaction_at",
              LOCAL_TIMESTAMP,
              "Time of the transaction (ThoiGianGD)",
              "Thời gian"),
          required("payment_month", StringType, "yyyy-MM of transaction_at", "Tháng giao dịch"),
          optional(
              "payer_pseudonym",
              StringType,
              "Keyed pseudonym of the payer's name",
              "Bí danh người nộp"),
          optional(
              "payer_id_pseudonym",
              StringType,
              "Keyed pseudonym of the payer's ID number",
              "Bí danh giấy tờ người nộp"),
          required("_batch_id", StringType, "Batch the row came in", "Mã lô"));

  public static final TableSpec SILVER_ASSESSMENT_VALUE =
      table(
          Layer.SILVER,
          "assessment_value",
          "one row per unit, year and self-assessed indicator, the latest form's value",
          List.of("year"),
          List.of("unit_code", "year", "indicator_code"),
          required("unit_code", StringType, "Unit that filled the form", "Mã đơn vị"),
          required("year", IntegerType, "Year assessed", "Năm đánh giá"),
          required("indicator_code", StringType, "Indicator code, e.g. NTS.1", "Mã chỉ tiêu"),
          optional("indicator_name", StringType, "Indicator as named on the form", "Tên chỉ tiêu"),
          required("value", DoubleType, "Value reported", "Giá trị"),
          optional("value_unit", StringType, "%, Có/Không, count, …", "Đơn vị tính"),
          optional("evidence", StringType, "Evidence cited (document number)", "Minh chứng"),
          required(
              "loaded_at",
              TimestampType,
              "When the form was loaded; a later form for the same year wins",
              "Thời điểm nạp"),
          required("_batch_id", StringType, "Batch (workbook) the value came in", "Mã lô"));

  public static final TableSpec SILVER_DOCUMENT =
      table(
          Layer.SILVER,
          "document",
          "one row per incoming or outgoing document of the document-management system,"
              + " its latest known state",
          List.of("year"),
          List.of("document_key"),
          required(
              "document_key",
              StringType,
              "outgoing:<id> or incoming:<id>",
              "Khóa văn bản: chiều + mã"),
          required("document_id", LongType, "Row id in the source system", "Mã văn bản"),
          required("direction", StringType, "outgoing or incoming", "Văn bản đi hoặc đến"),
          required("unit_code", StringType, "Agency (ma_co_quan), normalised", "Mã cơ quan"),
          required("province_code", StringType, "Province of the agency on the date", "Mã tỉnh"),
          required("year", IntegerType, "Registry year (nam)", "Năm"),
          required(
              "number",
              IntegerType,
              "Number in the agency's registry for the year (so, so_den)",
              "Số văn bản / số đến"),
          optional(
              "notation",
              StringType,
              "Number and notation (so_ky_hieu; for incoming, the sender's)",
              "Số, ký hiệu"),
          required(
              "document_date",
              DateType,
              "Issue date (outgoing) or arrival date (incoming)",
              "Ngày ban hành / ngày đến"),
          required("document_type", StringType, "Công văn, Quyết định, …", "Loại văn bản"),
          required("subject", StringType, "Subject (trích yếu), Unicode NFC", "Trích yếu"),
          required("urgency", StringType, "Thường, Khẩn, Thượng khẩn, Hỏa tốc", "Độ khẩn"),
          required("secrecy", StringType, "Thường, Mật, Tối mật, Tuyệt mật", "Độ mật"),
          optional("is_signed", BooleanType, "Digitally signed (outgoing)", "Đã ký số"),
          optional("signed_at", LOCAL_TIMESTAMP, "Signature time", "Thời điểm ký số"),
          required(
              "via_national_axis",
              BooleanType,
              "Sent or received over the national document axis",
              "Gửi/nhận qua trục liên thông"),
          required(
              "handled_online",
              BooleanType,
              "Handled in the system rather than on paper",
              "Xử lý trên hệ thống"),
          optional("due_date", DateType, "Handling deadline (incoming)", "Hạn xử lý"),
          optional("completed_date", DateType, "Handling completed (incoming)", "Ngày hoàn thành"),
          required(
              "source_updated_at",
              LOCAL_TIMESTAMP,
              "Last change in the source (ngay_cap_nhat)",
              "Thời điểm cập nhật ở nguồn"),
          required("_batch_id", StringType, "Batch the version came in", "Mã lô"));

  public static final TableSpec SILVER_DOSSIER =
      table(
              Layer.SILVER,
              "dossier",
              "one row per dossier (MaHoSo), its latest known state",
              List.of("submitted_month"),
              List.of("dossier_id"),
              required("dossier_id", StringType, "Dossier code (MaHoSo)", "Mã hồ sơ"),
              optional(
                  "procedure_code", StringType, "Procedure code (MaTTHC)", "Mã thủ tục hành chính"),
              required(
                  "unit_code",
                  StringType,
                  "Processing agency (DonViXuLy), normalised",
                  "Đơn vị xử lý"),
              required(
                  "province_code",
                  StringType,
                  "Province of the agency on the receipt date",
                  "Mã tỉnh"),
              required(
                  "channel_code",
                  IntegerType,
                  "KenhThucHien: 1 direct, 2 online, 3 postal",
                  "Kênh thực hiện"),
              optional(
                  "online_level",
                  IntegerType,
                  "MucDo: 2 information, 3 partial, 4 full online",
                  "Mức độ DVC"),
              required("status_code", IntegerType, "TrangThaiHoSo 1..10", "Trạng thái hồ sơ"),
              required(
                  "is_received",
                  BooleanType,
                  "Status other than 1 (submitted) and 3 (refused)",
                  "Đã tiếp nhận"),
              required("submitted_at", LOCAL_TIMESTAMP, "NgayNopHoSo", "Ngày nộp hồ sơ"),
              optional(
                  "received_at",
                  LOCAL_TIMESTAMP,
                  "NgayTiepNhan (present when received)",
                  "Ngày tiếp nhận"),
              optional(
                  "received_date", DateType, "Date part of received_at", "Ngày tiếp nhận (ngày)"),
              required(
                  "submitted_month",
                  StringType,
                  "yyyy-MM of submitted_at (partition; never changes for a dossier)",
                  "Tháng nộp hồ sơ"),
              optional("due_at", LOCAL_TIMESTAMP, "NgayHenTra", "Ngày hẹn trả"),
              optional(
                  "processing_finished_at",
                  LOCAL_TIMESTAMP,
                  "NgayKetThucXuLy",
                  "Ngày kết thúc xử lý"),
              optional("returned_at", LOCAL_TIMESTAMP, "NgayTra", "Ngày trả kết quả"),
              required(
                  "has_digitised_components",
                  BooleanType,
                  "HoSoCoThanhPhanSoHoa",
                  "Hồ sơ có thành phần số hóa"),
              required(
                  "is_paid_online",
                  BooleanType,
                  "DuocThanhToanTrucTuyen",
                  "Được thanh toán trực tuyến"),
              required(
                  "is_vneid_linked",
                  BooleanType,
                  "TaiKhoanDuocXacThucVoiVNeID",
                  "Tài khoản xác thực VNeID"),
              required(
                  "has_electronic_result",
                  BooleanType,
                  "A result document was issued electronically (DanhSachGiayToKetQua)",
                  "Có kết quả điện tử"),
              required(
                  "uses_reused_data",
                  BooleanType,
                  "A component was reused from earlier digitised data (DuocTaiSuDung)",
                  "Có tái sử dụng dữ liệu số hóa"),
              required(
                  "uses_data_store",
                  BooleanType,
                  "A component was taken from the personal data store (DuocLayTuKhoDMQG)",
                  "Có lấy dữ liệu từ kho dữ liệu cá nhân"),
              required(
                  "has_fees", BooleanType, "Fee lines are due (DanhSachLePhi)", "Có phí, lệ phí"),
              required(
                  "has_financial_obligation",
                  BooleanType,
                  "A financial obligation (land, …) is due",
                  "Có nghĩa vụ tài chính"),
              required(
                  "supplement_count",
                  IntegerType,
                  "Supplement requests (DanhSachHoSoBoSung)",
                  "Số lần yêu cầu bổ sung"),
              optional(
                  "applicant_pseudonym",
                  StringType,
                  "HMAC of the applicant name (ChuHoSo)",
                  "Bí danh chủ hồ sơ"),
              optional(
                  "applicant_id_pseudonym",
                  StringType,
                  "HMAC of the ID number",
                  "Bí danh số giấy tờ"),
              optional(
                  "phone_pseudonym",
                  StringType,
                  "HMAC of the phone number",
                  "Bí danh số điện thoại"),
              optional(
                  "email_pseudonym", StringType, "HMAC of the e-mail address", "Bí danh email"),
              required(
                  "source_updated_at",
                  LOCAL_TIMESTAMP,
                  "NgayCapNhat: the source's last change; latest wins",
                  "Thời điểm cập nhật tại nguồn"),
              required("_batch_id", StringType, "Batch that delivered this version", "Mã lô"),
              required(
                  "_record_hash",
                  StringType,
                  "Hash of the raw record of this version",
                  "Mã băm bản ghi"))
          // Its months are rewritten every night; readers select by dossier or by receipt day
          // (the facts and the scoring read the months a night changed).
          .withStatsColumns("dossier_id", "received_date");

  public static final TableSpec SILVER_DOSSIER_EVENT =
      dossierChild(
          "dossier_event",
          "one row per status change of a dossier's latest known version (QuaTrinhXuLy)",
          "event_seq",
          "Position in the processing history, from 1",
          "Thứ tự trong quá trình xử lý",
          optional(
              "status_code",
              IntegerType,
              "Status entered (TrangThai 1..10)",
              "Trạng thái chuyển sang"),
          optional("event_at", LOCAL_TIMESTAMP, "When (ThoiDiem)", "Thời điểm"));

  public static final TableSpec SILVER_DOSSIER_SUPPLEMENT =
      dossierChild(
          "dossier_supplement",
          "one row per supplement request of a dossier's latest known version"
              + " (DanhSachHoSoBoSung)",
          "supplement_seq",
          "Position among the dossier's requests, from 1",
          "Thứ tự yêu cầu bổ sung",
          optional(
              "requested_at", LOCAL_TIMESTAMP, "Requested (NgayYeuCau)", "Ngày yêu cầu bổ sung"),
          optional(
              "supplied_at",
              LOCAL_TIMESTAMP,
              "Supplied by the applicant (NgayBoSung); null while awaited",
              "Ngày công dân bổ sung"));

  public static final TableSpec SILVER_DOSSIER_FEE =
      dossierChild(
          "dossier_fee",
          "one row per fee or charge line of a dossier's latest known version (DanhSachLePhi)",
          "fee_seq",
          "Position among the dossier's fee lines, from 1",
          "Thứ tự dòng phí",
          optional("fee_code", StringType, "Fee code (MaPhiLePhi)", "Mã phí, lệ phí"),
          optional("fee_name", StringType, "Fee name (TenPhiLePhi)", "Tên phí, lệ phí"),
          optional(
              "fee_kind",
              IntegerType,
              "LoaiPhiLePhi: 1 phí, 2 lệ phí, 3 financial obligation (land, …)",
              "Loại: 1 phí, 2 lệ phí, 3 nghĩa vụ tài chính"),
          optional("amount_vnd", LongType, "Amount in dong (SoTien)", "Số tiền (đồng)"));

  public static final TableSpec SILVER_DOSSIER_RESULT =
      dossierChild(
          "dossier_result",
          "one row per result document of a dossier's latest known version"
              + " (DanhSachGiayToKetQua)",
          "result_seq",
          "Position among the dossier's results, from 1",
          "Thứ tự giấy tờ kết quả",
          optional("result_code", StringType, "Result code (MaGiayToKetQua)", "Mã giấy tờ kết quả"),
          optional("result_name", StringType, "Result name (TenGiayTo)", "Tên giấy tờ kết quả"),
          required(
              "is_electronic",
              BooleanType,
              "Issued as an electronic file (DuongDanTepTinKetQua present)",
              "Kết quả điện tử"));

  public static final TableSpec SILVER_PROCEDURE =
      table(
          Layer.SILVER,
          "procedure",
          "one row per administrative procedure of the catalogue (TTHC)",
          List.of(),
          List.of("procedure_code"),
          required("procedure_code", StringType, "Procedure code (MaTTHC)", "Mã thủ tục"),
          required("procedure_name", StringType, "Name, Unicode NFC", "Tên thủ tục"),
          optional("field", StringType, "Field (lĩnh vực)", "Lĩnh vực"),
          required(
              "unit_level",
              StringType,
              "Level that handles it: department, district or commune",
              "Cấp thực hiện"),
          required(
              "online_level",
              IntegerType,
              "Highest online level offered: 2, 3 (partial) or 4 (full online)",
              "Mức độ dịch vụ công trực tuyến"),
          required(
              "is_full_online_eligible",
              BooleanType,
              "Eligible for full-online service (766 CLGQ denominator)",
              "Đủ điều kiện trực tuyến toàn trình"),
          required("fee_vnd", LongType, "Standard fee in dong (0: free)", "Mức phí, lệ phí"),
          required(
              "has_financial_obligation",
              BooleanType,
              "Carries a financial obligation (land, …)",
              "Có nghĩa vụ tài chính"),
          required(
              "has_paper_result", BooleanType, "Ends in a result document", "Có giấy tờ kết quả"),
          required(
              "processing_days",
              IntegerType,
              "Statutory processing time in working days",
              "Thời hạn giải quyết (ngày làm việc)"),
          optional(
              "applicant_types",
              StringType,
              "citizen, business (semicolon-separated)",
              "Đối tượng thực hiện"));

  // ---------------------------------------------------------------- gold
  public static final TableSpec GOLD_DIM_UNIT =
      table(
          Layer.GOLD,
          "dim_unit",
          "one row per unit per validity interval",
          List.of(),
          List.of("unit_code", "valid_from"),
          required("unit_code", StringType, "Unit code", "Mã đơn vị"),
          required("unit_name", StringType, "Unit name", "Tên đơn vị"),
          required(
              "unit_level", StringType, "province, department, district or commune", "Cấp đơn vị"),
          required("province_code", StringType, "Province code", "Mã tỉnh"),
          required("province_name", StringType, "Province name", "Tên tỉnh"),
          required("era", StringType, "63 or 34", "Giai đoạn"),
          required("valid_from", DateType, "Valid from", "Hiệu lực từ"),
          optional("valid_to", DateType, "Valid until (exclusive)", "Hiệu lực đến (không gồm)"));

  public static final TableSpec GOLD_FCT_DOCUMENT_DAILY =
      table(
          Layer.GOLD,
          "fct_document_daily",
          "one row per agency, document day and direction: documents issued or received",
          List.of("month"),
          List.of("unit_code", "document_date", "direction"),
          required("unit_code", StringType, "Agency", "Mã cơ quan"),
          required("province_code", StringType, "Province on that day", "Mã tỉnh"),
          required("document_date", DateType, "Issue (outgoing) or arrival (incoming) day", "Ngày"),
          required("direction", StringType, "outgoing or incoming", "Văn bản đi hoặc đến"),
          required("month", StringType, "yyyy-MM of the day (partition)", "Tháng"),
          required("document_count", LongType, "Documents", "Số văn bản"),
          required(
              "signed_count",
              LongType,
              "Outgoing documents digitally signed",
              "Số văn bản đi được ký số"),
          required(
              "handled_online_count",
              LongType,
              "Documents handled in the system",
              "Số văn bản xử lý trên hệ thống"),
          required(
              "national_axis_count",
              LongType,
              "Sent or received over the national axis",
              "Số văn bản gửi/nhận qua trục liên thông"),
          required(
              "with_deadline_count",
              LongType,
              "Incoming documents with a handling deadline",
              "Số văn bản đến có hạn xử lý"),
          required(
              "completed_on_time_count",
              LongType,
              "Incoming documents completed by their deadline",
              "Số văn bản đến hoàn thành đúng hạn"));

  public static final TableSpec GOLD_DIM_PROCEDURE =
      table(
          Layer.GOLD,
          "dim_procedure",
          "one row per administrative procedure, with Vietnamese labels",
          List.of(),
          List.of("procedure_code"),
          required("procedure_code", StringType, "Procedure code (MaTTHC)", "Mã thủ tục"),
          required("procedure_name", StringType, "Name", "Tên thủ tục"),
          optional("field", StringType, "Field", "Lĩnh vực"),
          required("unit_level", StringType, "Level that handles it", "Cấp thực hiện"),
          required("unit_level_label", StringType, "Level, in Vietnamese", "Cấp thực hiện (nhãn)"),
          required("online_level", IntegerType, "Online level 2..4", "Mức độ DVC trực tuyến"),
          required(
              "online_level_label",
              StringType,
              "Online level, in Vietnamese: Toàn trình, Một phần, Cung cấp thông tin",
              "Mức độ DVC (nhãn)"),
          required(
              "is_full_online_eligible",
              BooleanType,
              "Eligible for full-online service",
              "Đủ điều kiện toàn trình"),
          required("has_fee", BooleanType, "Charges a fee", "Có thu phí, lệ phí"),
          required("fee_vnd", LongType, "Standard fee in dong", "Mức phí, lệ phí"),
          required(
              "has_financial_obligation",
              BooleanType,
              "Carries a financial obligation",
              "Có nghĩa vụ tài chính"),
          required(
              "processing_days",
              IntegerType,
              "Statutory processing time in working days",
              "Thời hạn giải quyết"));

  public static final TableSpec GOLD_DIM_DATE =
      table(
          Layer.GOLD,
          "dim_date",
          "one row per calendar day of the years the facts cover",
          List.of(),
          List.of("date"),
          required("date", DateType, "The day", "Ngày"),
          required("year", IntegerType, "Year", "Năm"),
          required("quarter", IntegerType, "Quarter 1..4", "Quý"),
          required("month", StringType, "yyyy-MM (the facts' partition)", "Tháng"),
          required("month_of_year", IntegerType, "Month 1..12", "Tháng trong năm"),
          required("day_of_month", IntegerType, "Day 1..31", "Ngày trong tháng"),
          required("day_of_week", IntegerType, "ISO day of week: 1 Monday .. 7 Sunday", "Thứ"),
          required(
              "day_name_vi",
              StringType,
              "Day name in Vietnamese: Thứ Hai .. Chủ nhật",
              "Tên thứ trong tuần"),
          required("iso_week", IntegerType, "ISO week number", "Tuần (ISO)"),
          required("is_weekend", BooleanType, "Saturday or Sunday", "Cuối tuần"),
          required(
              "era",
              StringType,
              "Administrative era: 63 provinces before 2025-07-01, 34 from then on",
              "Giai đoạn: 63 hoặc 34 tỉnh"));

  public static final TableSpec GOLD_FCT_FEEDBACK_DAILY =
      table(
          Layer.GOLD,
          "fct_feedback_daily",
          "one row per agency and day received: citizen feedback and how it was answered",
          List.of("month"),
          List.of("unit_code", "received_date"),
          required("unit_code", StringType, "Agency", "Mã đơn vị"),
          required("province_code", StringType, "Province on that day", "Mã tỉnh"),
          required("received_date", DateType, "Day received", "Ngày tiếp nhận"),
          required("month", StringType, "yyyy-MM of the day (partition)", "Tháng"),
          required("received_count", LongType, "Feedback items received", "Số PAKN tiếp nhận"),
          required("resolved_count", LongType, "Answered", "Số PAKN đã xử lý"),
          required(
              "resolved_on_time_count",
              LongType,
              "Answered by the deadline",
              "Số PAKN xử lý đúng hạn"),
          required("open_count", LongType, "Not answered yet", "Số PAKN chưa xử lý"));

  public static final TableSpec GOLD_FCT_PAYMENT_DAILY =
      table(
          Layer.GOLD,
          "fct_payment_daily",
          "one row per agency, payment day and channel: settled online payments",
          List.of("month"),
          List.of("unit_code", "payment_date", "channel"),
          required("unit_code", StringType, "Agency", "Mã đơn vị"),
          required("province_code", StringType, "Province on that day", "Mã tỉnh"),
          required("payment_date", DateType, "Day of the transaction", "Ngày giao dịch"),
          required("channel", StringType, "national or provincial platform", "Kênh thanh toán"),
          required("month", StringType, "yyyy-MM of the day (partition)", "Tháng"),
          required(
              "transaction_count", LongType, "Transactions, whatever their status", "Số giao dịch"),
          required("success_count", LongType, "Successful transactions", "Số giao dịch thành công"),
          required("failed_count", LongType, "Failed transactions", "Số giao dịch thất bại"),
          required("pending_count", LongType, "Still pending", "Số giao dịch đang chờ"),
          required(
              "paid_dossier_count",
              LongType,
              "Distinct dossiers with a successful payment",
              "Số hồ sơ thanh toán thành công"),
          required(
              "amount_vnd", LongType, "Amount paid successfully, in dong", "Số tiền đã thanh toán"),
          required(
              "obligation_amount_vnd",
              LongType,
              "Of which financial obligations (land, …)",
              "Trong đó nghĩa vụ tài chính"));

  public static final TableSpec GOLD_FCT_DOSSIER_DAILY =
      table(
          Layer.GOLD,
          "fct_dossier_daily",
          "one row per unit per receipt day: the dossiers received that day and where they stand",
          List.of("month"),
          List.of("unit_code", "received_date"),
          required("unit_code", StringType, "Processing agency", "Đơn vị xử lý"),
          required("province_code", StringType, "Province on that day", "Mã tỉnh"),
          required("received_date", DateType, "Receipt day", "Ngày tiếp nhận"),
          required("month", StringType, "yyyy-MM of the receipt day (partition)", "Tháng"),
          required(
              "received_count",
              LongType,
              "Dossiers received (status not 1 or 3)",
              "Số hồ sơ tiếp nhận"),
          required(
              "online_count",
              LongType,
              "Received online (KenhThucHien = 2)",
              "Số hồ sơ trực tuyến"),
          required(
              "full_online_count",
              LongType,
              "Received online for a full-online service (MucDo = 4)",
              "Số hồ sơ trực tuyến toàn trình"),
          required("finished_count", LongType, "Processing finished", "Số hồ sơ đã giải quyết"),
          required(
              "finished_on_time_count",
              LongType,
              "Finished on or before the due date",
              "Giải quyết đúng hạn"),
          required(
              "finished_late_count", LongType, "Finished after the due date", "Giải quyết quá hạn"),
          required("open_count", LongType, "Still being processed", "Đang giải quyết"),
          required(
              "open_within_due_count",
              LongType,
              "Open, due date not passed at the evaluation date",
              "Đang giải quyết trong hạn"),
          required(
              "open_overdue_count",
              LongType,
              "Open and past the due date at the evaluation date",
              "Đang giải quyết quá hạn"),
          required(
              "on_time_count",
              LongType,
              "finished_on_time_count + open_within_due_count (766 TDGQ numerator)",
              "Đúng hạn (tử số chỉ số TDGQ)"),
          required(
              "overdue_count", LongType, "finished_late_count + open_overdue_count", "Quá hạn"),
          required(
              "digitised_count",
              LongType,
              "With digitised components",
              "Có thành phần hồ sơ được số hóa"),
          required(
              "electronic_result_count",
              LongType,
              "With an electronic result",
              "Có kết quả điện tử"),
          required(
              "reused_data_count",
              LongType,
              "Reusing digitised data",
              "Có tái sử dụng dữ liệu số hóa"),
          required(
              "data_store_count",
              LongType,
              "Using the personal data store",
              "Có sử dụng kho dữ liệu cá nhân"),
          required(
              "vneid_count", LongType, "Submitted with a VNeID-verified account", "Xác thực VNeID"),
          required("with_fees_count", LongType, "With fees or charges", "Có phí, lệ phí"),
          required(
              "with_obligation_count",
              LongType,
              "With a financial obligation",
              "Có nghĩa vụ tài chính"),
          required("paid_online_count", LongType, "Paid online", "Thanh toán trực tuyến"),
          required(
              "supplement_requested_count",
              LongType,
              "With at least one supplement request",
              "Có yêu cầu bổ sung"),
          required(
              "as_of_date",
              DateType,
              "Last business day of the data this row was computed from",
              "Số liệu tính đến ngày"));

  /** The columns every scoring table starts with: which methodology scored which units how. */
  private static ColumnSpec[] scored(ColumnSpec... rest) {
    List<ColumnSpec> cols = new java.util.ArrayList<>();
    cols.add(required("methodology_id", StringType, "Methodology identifier", "Mã phương pháp"));
    cols.add(
        required(
            "methodology_hash",
            StringType,
            "SHA-256 of the methodology file",
            "Mã băm phương pháp"));
    cols.add(
        required(
            "boundaries",
            StringType,
            "as_reported (units as they were in the period) or restated_2025 (history restated on"
                + " the 34 provinces by summing the raw counts of their former parts)",
            "Địa giới: theo kỳ báo cáo hoặc quy đổi theo 34 tỉnh"));
    cols.add(
        required("period", StringType, "Period: 2024, 2024-H1, 2024-Q2 or 2024-06", "Kỳ đánh giá"));
    cols.add(
        required(
            "unit_level",
            StringType,
            "Level of the units scored: province, department, district or commune",
            "Cấp đơn vị"));
    cols.add(
        required(
            "scope_code",
            StringType,
            "Where the units are ranked: VN (nationally) or the province they belong to",
            "Phạm vi xếp hạng: toàn quốc (VN) hoặc mã tỉnh"));
    cols.addAll(Arrays.asList(rest));
    return cols.toArray(ColumnSpec[]::new);
  }

  /**
   * Scoring tables are partitioned by methodology and period: each methodology's nightly step
   * replaces its own partitions, only those of the periods it rewrites, by dropping their files (no
   * file is read to find the rows to replace) and never touches another's files. (Warehouses whose
   * tables were partitioned by methodology alone are rewritten so by {@code dti maintain}.)
   */
  private static final List<String> BY_METHODOLOGY_AND_PERIOD = List.of("methodology_id", "period");

  private static final List<String> SCORED_KEY =
      List.of("methodology_id", "boundaries", "period", "unit_level", "unit_code");

  private static List<String> scoredKey(String... more) {
    List<String> k = new java.util.ArrayList<>(SCORED_KEY);
    k.addAll(Arrays.asList(more));
    return List.copyOf(k);
  }

  private static final ColumnSpec INPUT_VERSIONS =
      required(
          "input_versions",
          StringType,
          "Delta versions of the tables read",
          "Phiên bản dữ liệu vào");

  public static final TableSpec GOLD_INDICATOR_VALUE =
      table(
          Layer.GOLD,
          "indicator_value",
          "one row per methodology, boundaries, period, unit and measured indicator (leaf)",
          BY_METHODOLOGY_AND_PERIOD,
          scoredKey("indicator_code"),
          scored(
              required("unit_code", StringType, "Unit", "Mã đơn vị"),
              required("indicator_code", StringType, "Indicator (leaf) code", "Mã chỉ tiêu"),
              required("indicator_name_vi", StringType, "Indicator name", "Tên chỉ tiêu"),
              required("metric", StringType, "Metric of the methodology file", "Mã phép đo"),
              required("numerator", DoubleType, "Numerator", "Tử số"),
              required("denominator", DoubleType, "Denominator", "Mẫu số"),
              optional(
                  "ratio",
                  DoubleType,
                  "numerator / denominator (null when the denominator is 0)",
                  "Tỷ lệ"),
              optional("points", SCORE, "Points earned under the leaf's rule", "Điểm đạt được"),
              required("max_points", SCORE, "Maximum points", "Điểm tối đa"),
              INPUT_VERSIONS));

  public static final TableSpec GOLD_RANKING =
      table(
          Layer.GOLD,
          "ranking",
          "one row per methodology, boundaries, period, ranked node (the total and its groups) and"
              + " ranked unit",
          BY_METHODOLOGY_AND_PERIOD,
          scoredKey("node_code"),
          scored(
              required("node_code", StringType, "Index or group ranked", "Mã chỉ số xếp hạng"),
              required("node_name_vi", StringType, "Its name", "Tên chỉ số"),
              required("unit_code", StringType, "Unit", "Mã đơn vị"),
              required("unit_name", StringType, "Unit name", "Tên đơn vị"),
              required(
                  "score",
                  SCORE,
                  "The published figure ranked on (value or points, rounded as the methodology"
                      + " publishes)",
                  "Điểm công bố"),
              required("rank", IntegerType, "Competition rank with ties (1, 2, 2, 4)", "Xếp hạng"),
              required(
                  "units_ranked",
                  IntegerType,
                  "Number of units ranked in the period and scope",
                  "Số đơn vị được xếp hạng"),
              optional("previous_period", StringType, "The period compared with", "Kỳ trước"),
              optional("previous_score", SCORE, "Score in the previous period", "Điểm kỳ trước"),
              optional(
                  "previous_rank", IntegerType, "Rank in the previous period", "Xếp hạng kỳ trước"),
              optional(
                  "rank_change",
                  IntegerType,
                  "previous_rank - rank: positive means moved up",
                  "Thay đổi thứ hạng (dương: tăng)"),
              INPUT_VERSIONS));

  public static final TableSpec GOLD_SCORE =
      table(
          Layer.GOLD,
          "score",
          "one row per methodology, boundaries, period, unit and node or aggregate scored by a"
              + " methodology file",
          BY_METHODOLOGY_AND_PERIOD,
          scoredKey("node_code"),
          scored(
              required("unit_code", StringType, "Unit", "Mã đơn vị"),
              required("unit_name", StringType, "Unit name", "Tên đơn vị"),
              required(
                  "node_code",
                  StringType,
                  "Node or aggregate, e.g. DTI, CQS, HDCQS.1",
                  "Mã chỉ số"),
              required("node_name_vi", StringType, "Node name", "Tên chỉ số"),
              optional(
                  "numerator",
                  DoubleType,
                  "A leaf's figure: the metric's numerator, or the value reported",
                  "Tử số (hoặc giá trị tự đánh giá)"),
              optional("denominator", DoubleType, "A measured leaf's denominator", "Mẫu số"),
              optional(
                  "value",
                  DoubleType,
                  "Share of the maximum, 0..1 (null: not applicable)",
                  "Giá trị (0..1)"),
              optional("points", SCORE, "value × max points", "Điểm"),
              required("max_points", SCORE, "Maximum points", "Điểm tối đa"),
              optional(
                  "published",
                  SCORE,
                  "The figure published and ranked on (value or points, rounded)",
                  "Giá trị công bố"),
              optional(
                  "rank",
                  IntegerType,
                  "Competition rank among the units of the period and scope",
                  "Xếp hạng"),
              required(
                  "basis",
                  StringType,
                  "MEASURED, COMPUTED, EMPTY_ZERO, EMPTY_FULL, IMPUTED or NOT_APPLICABLE",
                  "Nguồn giá trị"),
              optional(
                  "target_status",
                  StringType,
                  "Đạt / Không đạt against the node's target",
                  "Đạt / Không đạt chỉ tiêu"),
              optional(
                  "previous_value",
                  DoubleType,
                  "The value in the previous period (same unit, node and boundaries)",
                  "Giá trị kỳ trước"),
              optional(
                  "trend",
                  StringType,
                  "Against the previous period, in percentage points: Tăng 2,5 % / Giảm 1 % / Bằng",
                  "So với kỳ trước (Tăng / Giảm / Bằng)"),
              INPUT_VERSIONS));

  public static final TableSpec GOLD_RANK_UNCERTAINTY =
      table(
          Layer.GOLD,
          "rank_uncertainty",
          "one row per methodology, boundaries, period and ranked unit: its total's rank under"
              + " perturbed weights",
          BY_METHODOLOGY_AND_PERIOD,
          scoredKey(),
          scored(
              required("unit_code", StringType, "Unit", "Mã đơn vị"),
              required("node_code", StringType, "The node ranked (the total)", "Mã chỉ số"),
              required("rank", IntegerType, "Published rank", "Xếp hạng công bố"),
              required(
                  "median_rank", DoubleType, "Median rank over the draws", "Thứ hạng trung vị"),
              required("p05_rank", IntegerType, "5th percentile rank", "Thứ hạng phân vị 5%"),
              required("p95_rank", IntegerType, "95th percentile rank", "Thứ hạng phân vị 95%"),
              required("draws", IntegerType, "Monte-Carlo draws", "Số lần mô phỏng"),
              required("seed", LongType, "Seed of the draws", "Hạt giống ngẫu nhiên"),
              required(
                  "spread", DoubleType, "Weights varied by ± this share", "Biên độ trọng số")));

  public static final TableSpec GOLD_SCORE_CHANGE =
      table(
          Layer.GOLD,
          "score_change",
          "one row per methodology, boundaries, period, unit and node it was scored on: that node's"
              + " part of the change of the unit's total points since the previous period",
          BY_METHODOLOGY_AND_PERIOD,
          scoredKey("node_code"),
          scored(
              required("unit_code", StringType, "Unit", "Mã đơn vị"),
              required("previous_period", StringType, "Period compared with", "Kỳ so sánh"),
              required("node_code", StringType, "Node", "Mã chỉ số"),
              required(
                  "previous_points", SCORE, "Total points owed to the node then", "Điểm kỳ trước"),
              required("current_points", SCORE, "Total points owed to the node now", "Điểm kỳ này"),
              required(
                  "contribution",
                  SCORE,
                  "Its part of the change; a unit's parts add up exactly to total_change",
                  "Đóng góp vào thay đổi"),
              required(
                  "total_change", SCORE, "Change of the unit's total points", "Thay đổi tổng điểm"),
              optional(
                  "gain_rank",
                  IntegerType,
                  "1 for the unit's largest gain, 2 for the next, …; null when the node lost or did"
                      + " not change",
                  "Thứ tự đóng góp tăng (1: tăng nhiều nhất)"),
              optional(
                  "loss_rank",
                  IntegerType,
                  "1 for the unit's largest loss, 2 for the next, …; null when the node gained or did"
                      + " not change",
                  "Thứ tự đóng góp giảm (1: giảm nhiều nhất)")));

  /** Every table, in dependency order. */
  public static final List<TableSpec> ALL =
      List.of(
          OPS_JOB_RUN,
          OPS_BATCH,
          OPS_WATERMARK,
          OPS_QUALITY_RESULT,
          BRONZE_PORTAL_DOSSIER,
          BRONZE_DMS_DOCUMENT,
          BRONZE_PORTAL_FEEDBACK,
          BRONZE_PAYMENT,
          BRONZE_ASSESSMENT,
          QUARANTINE_DOSSIER,
          QUARANTINE_DOCUMENT,
          QUARANTINE_FEEDBACK,
          QUARANTINE_PAYMENT,
          QUARANTINE_ASSESSMENT,
          SILVER_UNIT,
          SILVER_DOSSIER,
          SILVER_DOCUMENT,
          SILVER_FEEDBACK,
          SILVER_PAYMENT,
          SILVER_ASSESSMENT_VALUE,
          SILVER_DOSSIER_EVENT,
          SILVER_DOSSIER_SUPPLEMENT,
          SILVER_DOSSIER_FEE,
          SILVER_DOSSIER_RESULT,
          SILVER_PROCEDURE,
          OPS_QUARANTINE_COUNT,
          GOLD_DIM_UNIT,
          GOLD_DIM_PROCEDURE,
          GOLD_DIM_DATE,
          GOLD_FCT_DOSSIER_DAILY,
          GOLD_FCT_DOCUMENT_DAILY,
          GOLD_FCT_PAYMENT_DAILY,
          GOLD_FCT_FEEDBACK_DAILY,
          GOLD_INDICATOR_VALUE,
          GOLD_RANKING,
          GOLD_SCORE,
          GOLD_RANK_UNCERTAINTY,
          GOLD_SCORE_CHANGE);

  /** The table of that logical name, if the catalog has it. */
  public static Optional<TableSpec> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The tables of one layer, in dependency order. */
  public static List<TableSpec> inLayer(Layer layer) {
    return ALL.stream().filter(t -> t.layer() == layer).toList();
  }

  private static TableSpec bronze(String entity, String grain, String noun, String sourceFile) {
    return table(
        Layer.BRONZE,
        entity,
        grain,
        List.of(),
        List.of(),
        required(
            "raw_record",
            StringType,
            "The " + noun + " exactly as received",
            "Bản ghi gốc như nhận được"),
        required("_batch_id", StringType, "Batch the " + noun + " came in", "Mã lô"),
        required("_source", StringType, "Source system", "Hệ thống nguồn"),
        required("_source_file", StringType, sourceFile, "Tệp nguồn"),
        required("_ingested_at", TimestampType, "When the batch was ingested", "Thời điểm nạp"),
        required(
            "_record_hash", StringType, "SHA-256 of the " + noun, "Mã băm SHA-256 của bản ghi"));
  }

  /**
   * A table of a dossier's nested list: key {@code (dossier_id, <seq>)}, partitioned like {@code
   * silver.dossier} by submission month, brought to the list of the dossier's winning version
   * whenever a newer one wins: new positions are appended, and a row that changed or went away has
   * its month rewritten. The lineage columns name the version that first delivered the row as it
   * is.
   */
  private static TableSpec dossierChild(
      String entity, String grain, String seq, String seqEn, String seqVi, ColumnSpec... own) {
    List<ColumnSpec> cols = new java.util.ArrayList<>();
    cols.add(required("dossier_id", StringType, "Dossier code (MaHoSo)", "Mã hồ sơ"));
    cols.add(required(seq, IntegerType, seqEn, seqVi));
    cols.addAll(Arrays.asList(own));
    cols.add(required("unit_code", StringType, "Processing agency of the dossier", "Đơn vị xử lý"));
    cols.add(required("province_code", StringType, "Province of the agency", "Mã tỉnh"));
    cols.add(
        required(
            "submitted_month",
            StringType,
            "yyyy-MM of the dossier's submission (partition, as silver.dossier)",
            "Tháng nộp hồ sơ"));
    cols.add(
        required(
            "source_updated_at",
            LOCAL_TIMESTAMP,
            "NgayCapNhat of the dossier version that first delivered the row as it is",
            "Thời điểm cập nhật tại nguồn của phiên bản đầu tiên có dòng này"));
    cols.add(required("_batch_id", StringType, "Batch of that version", "Mã lô"));
    return new TableSpec(
        Layer.SILVER,
        entity,
        grain,
        cols,
        List.of("submitted_month"),
        List.of("dossier_id", seq),
        // Rewritten a month at a time every night; read by month or by dossier.
        List.of("dossier_id"));
  }

  private static TableSpec quarantine(String entity, String grain) {
    return table(
        Layer.QUARANTINE,
        entity,
        grain,
        List.of(),
        List.of("_batch_id", "_record_hash"),
        required("_batch_id", StringType, "Batch of the rejected record", "Mã lô"),
        required("_source_file", StringType, "File of the rejected record", "Tệp nguồn"),
        required("_record_hash", StringType, "SHA-256 of the raw line", "Mã băm của bản ghi"),
        required(
            "reason_code",
            StringType,
            "Why it was rejected (see docs/QUALITY.md)",
            "Mã lý do bị cách ly"),
        required("reason_detail", StringType, "The field and value at fault", "Chi tiết lỗi"),
        required("raw_record", StringType, "The raw line, for repair and replay", "Bản ghi gốc"));
  }

  private static TableSpec table(
      Layer layer,
      String entity,
      String grain,
      List<String> partitions,
      List<String> keys,
      ColumnSpec... cols) {
    return new TableSpec(layer, entity, grain, Arrays.asList(cols), partitions, keys);
  }
}
