package vn.dti.etl.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.privacy.Pseudonymizer;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.testing.SharedSpark;

class SilverDossierJobTest {
  private static final PseudonymKey KEY = PseudonymKey.of("silver-test-key-0123456789abcdefghij");
  static final String UNIT_CODE = "000.00.13.H10";
  private static final String UNIT = UNIT_CODE;

  /** A valid received dossier; {@code overrides} replace or (with null) remove fields. */
  static String record(Map<String, Object> overrides) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("MaHoSo", UNIT + "-240502-0001");
    f.put("MaTTHC", "1.001612");
    f.put("DonViXuLy", UNIT);
    f.put("KenhThucHien", 2);
    f.put("MucDo", 4);
    f.put("NgayNopHoSo", "2024-05-02T07:00:00");
    f.put("NgayTiepNhan", "2024-05-02T08:00:00");
    f.put("NgayHenTra", "2024-05-09T17:00:00");
    f.put("NgayKetThucXuLy", null);
    f.put("TrangThaiHoSo", 4);
    f.put("HoSoCoThanhPhanSoHoa", 1);
    f.put("DuocThanhToanTrucTuyen", 0);
    f.put("TaiKhoanDuocXacThucVoiVNeID", 1);
    f.put("ChuHoSo", "Nguyễn Văn An");
    f.put("SoGiayToChuHoSo", "070123456789");
    f.put("SoDienThoai", "0912345678");
    f.put("Email", "an.nguyen@gmail.com");
    f.put("NgayCapNhat", "2024-05-02T08:00:00");
    f.putAll(overrides);
    StringBuilder sb = new StringBuilder("{");
    f.forEach(
        (k, v) -> {
          if (!overrides.containsKey(k) || v != null || k.equals("NgayKetThucXuLy")) {
            sb.append('"').append(k).append("\":");
            sb.append(v == null ? "null" : v instanceof Number ? v.toString() : "\"" + v + "\"")
                .append(',');
          }
        });
    sb.setLength(sb.length() - 1);
    return sb.append('}').toString();
  }

  static Map<String, Object> with(Object... kv) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bronze rows: pairs of (batch id, line). */
  static Dataset<Row> bronze(String... batchAndLine) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < batchAndLine.length; i += 2) {
      rows.add(
          RowFactory.create(
              batchAndLine[i + 1],
              batchAndLine[i],
              "portal",
              batchAndLine[i] + ".jsonl",
              Timestamp.valueOf("2024-07-01 00:00:00"),
              sha256(batchAndLine[i + 1])));
    }
    return SharedSpark.spark().createDataFrame(rows, Tables.BRONZE_PORTAL_DOSSIER.schema());
  }

  static Dataset<Row> units() {
    Row unit =
        RowFactory.create(
            UNIT,
            "Sở Tư pháp",
            "department",
            "70",
            "70",
            "63",
            Date.valueOf("2008-08-01"),
            Date.valueOf("2025-07-01"),
            null);
    return SharedSpark.spark().createDataFrame(List.of(unit), Tables.SILVER_UNIT.schema());
  }

  private static Map<String, String> reasons(Dataset<Row> classified) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : classified.collectAsList()) {
      String label =
          r.getAs("reason_code") == null
              ? r.getAs("disposition")
              : r.getAs("reason_code") + ": " + r.getAs("reason_detail");
      m.merge(
          r.<String>getAs("_batch_id") + " " + r.<String>getAs("_record_hash").substring(0, 6),
          label,
          (a, b) -> a + " / " + b);
    }
    return m;
  }

  private static List<String> labels(Dataset<Row> classified) {
    List<String> out = new ArrayList<>(reasons(classified).values());
    out.sort(null);
    return out;
  }

  @Test
  void eachDefectGetsItsReason() {
    Dataset<Row> c =
        SilverDossierJob.classify(
            bronze(
                "b1", "{\"MaHoSo\":\"" + UNIT + "-240502-0009\",\"MaTTHC\":",
                "b1", record(with("MaHoSo", null, "NgayCapNhat", "2024-05-02T08:00:01")),
                "b1", record(with("MaHoSo", UNIT + "-240502-0002", "NgayHenTra", null)),
                "b1",
                    record(
                        with(
                            "MaHoSo",
                            UNIT + "-240502-0003",
                            "NgayTiepNhan",
                            "2024-02-30T08:00:00")),
                "b1", record(with("MaHoSo", UNIT + "-240502-0004", "TrangThaiHoSo", 11)),
                "b1", record(with("MaHoSo", UNIT + "-240502-0005", "DonViXuLy", "000.00.99.H99")),
                "b1",
                    record(
                        with(
                            "MaHoSo",
                            UNIT + "-240502-0006",
                            "NgayNopHoSo",
                            "2025-08-01T08:00:00",
                            "NgayTiepNhan",
                            "2025-08-01T09:00:00"))),
            units(),
            KEY);
    assertThat(labels(c))
        .containsExactly(
            "INVALID_CODE: codes out of range: TrangThaiHoSo=11, KenhThucHien=2, MucDo=4",
            "INVALID_DATE: NgayTiepNhan = '2024-02-30T08:00:00' is not a valid date",
            "MALFORMED_JSON: the line is not a JSON object",
            "MISSING_FIELD: NgayHenTra is missing",
            "MISSING_KEY: MaHoSo is missing or blank",
            // The agency existed only until the 2025 reorganisation.
            "UNKNOWN_UNIT: DonViXuLy = '000.00.13.H10' is not a known unit on 2025-08-01T09:00:00",
            "UNKNOWN_UNIT: DonViXuLy = '000.00.99.H99' is not a known unit on 2024-05-02T08:00:00");
    assertThat(SilverDossierJob.quarantine(c).count()).isEqualTo(7);
    assertThat(SilverDossierJob.quarantine(c).columns())
        .containsExactlyElementsOf(Tables.QUARANTINE_DOSSIER.columnNames());
  }

  /** Bronze rows of one daily extract file, named like the portal's. */
  static Dataset<Row> extract(String day, String... lines) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(
          RowFactory.create(
              line,
              "b-" + day,
              "portal",
              "portal/dossiers-" + day + ".jsonl.gz",
              Timestamp.valueOf("2024-07-01 00:00:00"),
              sha256(line)));
    }
    return SharedSpark.spark().createDataFrame(rows, Tables.BRONZE_PORTAL_DOSSIER.schema());
  }

  @Test
  void eventDatesAfterTheExtractsDayAreQuarantinedButDueDatesMayLieAhead() {
    Dataset<Row> c =
        SilverDossierJob.classify(
            extract(
                "2024-05-02",
                record(with("NgayNopHoSo", "2029-05-02T07:00:00")),
                // Stamped the next day: within the one-day tolerance for late-night extracts.
                record(with("MaHoSo", UNIT + "-240502-0002", "NgayCapNhat", "2024-05-03T23:59:59")),
                // The due date a week ahead is normal.
                record(with("MaHoSo", UNIT + "-240502-0003", "NgayHenTra", "2024-05-30T17:00:00"))),
            units(),
            KEY);
    assertThat(labels(c))
        .containsExactly(
            "ACCEPTED",
            "ACCEPTED",
            "FUTURE_DATE: NgayNopHoSo = '2029-05-02T07:00:00' is after the extract's day 2024-05-02");
  }

  @Test
  void twoDifferentRecordsWithTheSameUpdateTimeAreBothHeldBack() {
    String processing = record(with());
    String supplement = record(with("TrangThaiHoSo", 5));
    String other = record(with("MaHoSo", UNIT + "-240502-0002"));
    Dataset<Row> c =
        SilverDossierJob.classify(
            extract("2024-05-02", processing, supplement, other, other), units(), KEY);
    assertThat(labels(c))
        .containsExactly(
            "ACCEPTED / DUPLICATE",
            "CONFLICTING_DUPLICATE: another record of "
                + UNIT
                + "-240502-0001 in the same file has the same NgayCapNhat"
                + " '2024-05-02T08:00:00' and different content",
            "CONFLICTING_DUPLICATE: another record of "
                + UNIT
                + "-240502-0001 in the same file has the same NgayCapNhat"
                + " '2024-05-02T08:00:00' and different content");
    assertThat(SilverDossierJob.accepted(c).count()).isEqualTo(1);
  }

  @Test
  void nestedListsBecomeFlagsAndCounts() {
    String base = record(with());
    String withLists =
        base.substring(0, base.length() - 1)
            + ",\"DanhSachHoSoBoSung\":[{\"NgayYeuCau\":\"2024-05-03T10:00:00\"},{}],"
            + "\"DanhSachLePhi\":[{\"LoaiPhiLePhi\":2,\"SoTien\":50000},"
            + "{\"LoaiPhiLePhi\":3,\"SoTien\":3000000}],"
            + "\"DanhSachTepDinhKem\":[{\"DuocSoHoa\":1,\"DuocTaiSuDung\":0,\"DuocLayTuKhoDMQG\":1},"
            + "{\"DuocSoHoa\":0,\"DuocTaiSuDung\":0,\"DuocLayTuKhoDMQG\":0}],"
            + "\"DanhSachGiayToKetQua\":[]}";
    String other = record(with("MaHoSo", UNIT + "-240502-0002"));
    List<Row> rows =
        SilverDossierJob.accepted(
                SilverDossierJob.classify(bronze("b1", withLists, "b1", other), units(), KEY))
            .orderBy("dossier_id")
            .collectAsList();
    Row a = rows.get(0);
    assertThat(a.<Integer>getAs("supplement_count")).isEqualTo(2);
    assertThat(a.<Boolean>getAs("has_fees")).isTrue();
    assertThat(a.<Boolean>getAs("has_financial_obligation")).isTrue();
    assertThat(a.<Boolean>getAs("uses_data_store")).isTrue();
    assertThat(a.<Boolean>getAs("uses_reused_data")).isFalse();
    assertThat(a.<Boolean>getAs("has_electronic_result")).isFalse();
    Row b = rows.get(1); // no lists at all
    assertThat(b.<Integer>getAs("supplement_count")).isZero();
    assertThat(b.<Boolean>getAs("has_fees")).isFalse();
    assertThat(b.<Boolean>getAs("has_financial_obligation")).isFalse();
    assertThat(b.<Boolean>getAs("uses_data_store")).isFalse();
  }

  @Test
  void exactDuplicatesCollapseWithinABatchOnly() {
    String line = record(with());
    Dataset<Row> c =
        SilverDossierJob.classify(bronze("b1", line, "b1", line, "b2", line), units(), KEY);
    Map<String, Long> byBatch = new TreeMap<>();
    for (Row r : SilverDossierJob.countsByBatch(c).collectAsList()) {
      byBatch.put(
          r.getAs("_batch_id"),
          r.<Long>getAs("records") * 1000
              + r.<Long>getAs("accepted") * 100
              + r.<Long>getAs("quarantined") * 10
              + r.<Long>getAs("duplicate"));
    }
    // b1: 2 records, 1 accepted, 0 quarantined, 1 duplicate; b2: 1 record, 1 accepted.
    assertThat(byBatch).isEqualTo(Map.of("b1", 2101L, "b2", 1100L));
    assertThat(SilverDossierJob.accepted(c).count()).isEqualTo(1);
  }

  @Test
  void latestSourceTimestampWinsWhateverTheArrivalOrder() {
    String finished =
        record(
            with(
                "TrangThaiHoSo",
                10,
                "NgayKetThucXuLy",
                "2024-05-06T10:00:00",
                "NgayCapNhat",
                "2024-05-06T10:00:00"));
    String stale = record(with("TrangThaiHoSo", 5, "NgayCapNhat", "2024-05-03T09:00:00"));
    Row r =
        SilverDossierJob.accepted(
                SilverDossierJob.classify(bronze("b1", finished, "b2", stale), units(), KEY))
            .head();
    assertThat(r.<Integer>getAs("status_code")).isEqualTo(10);
    assertThat(r.<LocalDateTime>getAs("processing_finished_at"))
        .isEqualTo(LocalDateTime.of(2024, 5, 6, 10, 0));
  }

  @Test
  void fieldsAreTypedAndCodesNormalised() {
    String line =
        record(
            with(
                "MaHoSo",
                " " + UNIT.toLowerCase() + "-240502-0001 ",
                "DonViXuLy",
                UNIT.toLowerCase(),
                "NgayHenTra",
                "09/05/2024 17:00:00",
                "DuocThanhToanTrucTuyen",
                2));
    Row r =
        SilverDossierJob.accepted(SilverDossierJob.classify(bronze("b1", line), units(), KEY))
            .head();
    assertThat(r.<String>getAs("dossier_id")).isEqualTo(UNIT + "-240502-0001");
    assertThat(r.<String>getAs("unit_code")).isEqualTo(UNIT);
    assertThat(r.<String>getAs("province_code")).isEqualTo("70");
    assertThat(r.<LocalDateTime>getAs("due_at")).isEqualTo(LocalDateTime.of(2024, 5, 9, 17, 0));
    assertThat(r.<Date>getAs("received_date")).isEqualTo(Date.valueOf("2024-05-02"));
    assertThat(r.<String>getAs("submitted_month")).isEqualTo("2024-05");
    assertThat(r.<Boolean>getAs("is_received")).isTrue();
    assertThat(r.<Boolean>getAs("is_paid_online")).isTrue();
    assertThat(r.<Boolean>getAs("is_vneid_linked")).isTrue();
    assertThat(r.<Integer>getAs("channel_code")).isEqualTo(2);
  }

  @Test
  void aDossierSubmittedButNotYetReceivedIsAcceptedWithoutReceiptDate() {
    String line = record(with("TrangThaiHoSo", 1, "NgayTiepNhan", null, "NgayHenTra", null));
    Row r =
        SilverDossierJob.accepted(SilverDossierJob.classify(bronze("b1", line), units(), KEY))
            .head();
    assertThat(r.<Boolean>getAs("is_received")).isFalse();
    assertThat(r.<Object>getAs("received_at")).isNull();
  }

  @Test
  void personalDataLeavesOnlyAsPseudonyms() {
    String nfd = Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFD);
    String line = record(with("ChuHoSo", nfd));
    Row r =
        SilverDossierJob.accepted(SilverDossierJob.classify(bronze("b1", line), units(), KEY))
            .head();
    assertThat(r.<String>getAs("applicant_pseudonym"))
        .isEqualTo(Pseudonymizer.pseudonym(KEY, Pseudonymizer.Kind.NAME, "Nguyễn Văn An"))
        .hasSize(64);
    String all = r.toString();
    assertThat(all).doesNotContain("Nguy", "070123456789", "0912345678", "gmail");
  }
}
