package vn.dti.etl.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.testing.SharedSpark;

/** The quarantine's counts on a handful of rejected records whose counts are worked out by hand. */
class QuarantineCountJobTest {
  private static Dataset<Row> rows(TableSpec t, List<Map<String, Object>> values) {
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> v : values) {
      out.add(RowFactory.create(t.columnNames().stream().map(v::get).toArray()));
    }
    return SharedSpark.spark().createDataFrame(out, t.schema());
  }

  private static Map<String, Object> rejected(String batch, String reason, String raw) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("_batch_id", batch);
    m.put("_source_file", "f");
    m.put("_record_hash", Integer.toHexString(raw.hashCode()) + reason);
    m.put("reason_code", reason);
    m.put("reason_detail", "Nguyễn Văn A, 0912345678");
    m.put("raw_record", raw);
    return m;
  }

  private static Map<String, Object> batch(String id, String source, String day) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("batch_id", id);
    m.put("source", source);
    m.put("source_file", "f");
    m.put("business_date", day == null ? null : Date.valueOf(day));
    m.put("content_sha256", "x");
    m.put("file_bytes", 1L);
    m.put("status", "PROCESSED");
    m.put("records_read", 1L);
    m.put("records_accepted", 0L);
    m.put("records_quarantined", 1L);
    m.put("records_duplicate", 0L);
    m.put("ingest_run_id", "r");
    return m;
  }

  private static Map<String, Object> unit(String code, String province, String from, String to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unit_code", code);
    m.put("unit_name", "Sở " + code);
    m.put("unit_level", "department");
    m.put("province_code", province);
    m.put("era", "63");
    m.put("valid_from", Date.valueOf(from));
    m.put("valid_to", to == null ? null : Date.valueOf(to));
    return m;
  }

  @Test
  void countsBySourceTableReasonUnitAndDayWithoutAnyRecord() {
    String unit = "000.00.08.H44";
    Map<TableSpec, Dataset<Row>> q = new LinkedHashMap<>();
    q.put(
        Tables.QUARANTINE_DOSSIER,
        rows(
            Tables.QUARANTINE_DOSSIER,
            List.of(
                // received on the 2nd: counted on the 2nd whatever the file's day
                rejected(
                    "p1",
                    "BAD_DATE",
                    "{\"DonViXuLy\":\" " + unit + "\",\"NgayTiepNhan\":\"2024-05-02T08:00:00\"}"),
                rejected(
                    "p1",
                    "BAD_DATE",
                    "{\"DonViXuLy\":\"" + unit + "\",\"NgayTiepNhan\":\"2024-05-02T15:00:00\"}"),
                // no receipt: the submission day
                rejected(
                    "p1",
                    "MISSING_FIELD",
                    "{\"DonViXuLy\":\"" + unit + "\",\"NgayNopHoSo\":\"2024-05-01T23:00:00\"}"),
                // not JSON: no unit, the file's business day
                rejected("p1", "MALFORMED_JSON", "\u0000\u0001garbage"),
                // a unit the list does not know
                rejected(
                    "p1",
                    "UNKNOWN_UNIT",
                    "{\"DonViXuLy\":\"999.99\",\"NgayTiepNhan\":\"2024-05-03T08:00:00\"}"))));
    q.put(
        Tables.QUARANTINE_PAYMENT,
        rows(
            Tables.QUARANTINE_PAYMENT,
            List.of(
                rejected(
                    "pay1",
                    "BAD_AMOUNT",
                    "{\"MaDonVi\":\"" + unit + "\",\"ThoiGianGD\":\"03/05/2024 10:00:00\"}"))));
    q.put(
        Tables.QUARANTINE_ASSESSMENT,
        rows(
            Tables.QUARANTINE_ASSESSMENT,
            List.of(
                rejected(
                    "a1", "BAD_VALUE", "{\"unit_code\":\"" + unit + "\",\"year\":\"2024\"}"))));
    Dataset<Row> batches =
        rows(
            Tables.OPS_BATCH,
            List.of(
                batch("p1", "portal", "2024-05-04"),
                batch("pay1", "payment", "2024-05-03"),
                batch("a1", "assessment", null)));
    // The unit moved from province 70 to 79 on 2024-05-02.
    Dataset<Row> units =
        rows(
            Tables.SILVER_UNIT,
            List.of(
                unit(unit, "70", "2023-01-01", "2024-05-02"),
                unit(unit, "79", "2024-05-02", null)));

    Dataset<Row> counts = QuarantineCountJob.transform(q, batches, units);
    assertThat(counts.columns())
        .containsExactlyElementsOf(Tables.OPS_QUARANTINE_COUNT.columnNames());
    List<String> got =
        counts.orderBy("table_name", "reason_code", "day").collectAsList().stream()
            .map(Row::toString)
            .toList();
    assertThat(got)
        .containsExactly(
            "[assessment,a1,quarantine.assessment,BAD_VALUE," + unit + ",79,null,1]",
            "[portal,p1,quarantine.dossier,BAD_DATE," + unit + ",79,2024-05-02,2]",
            "[portal,p1,quarantine.dossier,MALFORMED_JSON,null,null,2024-05-04,1]",
            "[portal,p1,quarantine.dossier,MISSING_FIELD," + unit + ",70,2024-05-01,1]",
            "[portal,p1,quarantine.dossier,UNKNOWN_UNIT,999.99,null,2024-05-03,1]",
            "[payment,pay1,quarantine.payment,BAD_AMOUNT," + unit + ",79,2024-05-03,1]");
    // Nothing of a record reaches the counts: no detail, no raw text.
    assertThat(String.join("", got)).doesNotContain("Nguyễn", "0912345678", "garbage");
  }
}
