package vn.dti.etl.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.testing.SharedSpark;

/** The document and payment facts on a handful of rows whose sums are worked out by hand. */
class DocumentAndPaymentFactsTest {
  private static final String UNIT = "000.00.13.H10";

  private static Row document(
      long id, String direction, String day, Boolean signed, String due, String done) {
    Object[] v = new Object[Tables.SILVER_DOCUMENT.columnNames().size()];
    List<String> c = Tables.SILVER_DOCUMENT.columnNames();
    v[c.indexOf("document_key")] = direction + ":" + id;
    v[c.indexOf("document_id")] = id;
    v[c.indexOf("direction")] = direction;
    v[c.indexOf("unit_code")] = UNIT;
    v[c.indexOf("province_code")] = "70";
    v[c.indexOf("year")] = 2024;
    v[c.indexOf("number")] = (int) id;
    v[c.indexOf("document_date")] = Date.valueOf(day);
    v[c.indexOf("document_type")] = "Công văn";
    v[c.indexOf("subject")] = "V/v chuyển đổi số";
    v[c.indexOf("urgency")] = "Thường";
    v[c.indexOf("secrecy")] = "Thường";
    v[c.indexOf("is_signed")] = signed;
    v[c.indexOf("via_national_axis")] = id % 2 == 0;
    v[c.indexOf("handled_online")] = true;
    v[c.indexOf("due_date")] = due == null ? null : Date.valueOf(due);
    v[c.indexOf("completed_date")] = done == null ? null : Date.valueOf(done);
    v[c.indexOf("source_updated_at")] = LocalDateTime.parse(day + "T18:00:00");
    v[c.indexOf("_batch_id")] = "dms:x";
    return RowFactory.create(v);
  }

  @Test
  void documentsAreCountedPerAgencyDayAndDirection() {
    List<Row> rows = new ArrayList<>();
    rows.add(document(1, "outgoing", "2024-05-02", true, null, null));
    rows.add(document(2, "outgoing", "2024-05-02", false, null, null));
    rows.add(document(3, "outgoing", "2024-05-02", true, null, null));
    rows.add(document(4, "incoming", "2024-05-02", null, "2024-05-10", "2024-05-09"));
    rows.add(document(5, "incoming", "2024-05-02", null, "2024-05-10", "2024-05-11"));
    rows.add(document(6, "incoming", "2024-05-02", null, null, null));
    var facts =
        FctDocumentDailyJob.transform(
                SharedSpark.spark().createDataFrame(rows, Tables.SILVER_DOCUMENT.schema()))
            .orderBy("direction")
            .collectAsList();
    assertThat(facts).hasSize(2);
    Row in = facts.get(0);
    Row out = facts.get(1);
    // outgoing: 3 documents, 2 signed, ids 2 on the axis (even), all handled online.
    assertThat(out.<Long>getAs("document_count")).isEqualTo(3);
    assertThat(out.<Long>getAs("signed_count")).isEqualTo(2);
    assertThat(out.<Long>getAs("national_axis_count")).isEqualTo(1);
    assertThat(out.<Long>getAs("handled_online_count")).isEqualTo(3);
    // incoming: 3, two with a deadline, one done by it (9 May ≤ 10 May), ids 4 and 6 on the axis.
    assertThat(in.<Long>getAs("document_count")).isEqualTo(3);
    assertThat(in.<Long>getAs("signed_count")).isZero();
    assertThat(in.<Long>getAs("with_deadline_count")).isEqualTo(2);
    assertThat(in.<Long>getAs("completed_on_time_count")).isEqualTo(1);
    assertThat(in.<Long>getAs("national_axis_count")).isEqualTo(2);
    assertThat(in.<String>getAs("month")).isEqualTo("2024-05");
  }

  private static Row payment(String id, String dossier, int status, long amount, String type) {
    List<String> c = Tables.SILVER_PAYMENT.columnNames();
    Object[] v = new Object[c.size()];
    v[c.indexOf("transaction_id")] = id;
    v[c.indexOf("payment_reference")] = "PG-" + dossier;
    v[c.indexOf("dossier_id")] = dossier;
    v[c.indexOf("unit_code")] = UNIT;
    v[c.indexOf("province_code")] = "70";
    v[c.indexOf("amount_vnd")] = amount;
    v[c.indexOf("fee_type")] = type;
    v[c.indexOf("status_code")] = status;
    v[c.indexOf("channel")] = "national";
    v[c.indexOf("transaction_at")] = LocalDateTime.parse("2024-05-02T10:00:00");
    v[c.indexOf("payment_month")] = "2024-05";
    v[c.indexOf("_batch_id")] = "payments:x";
    return RowFactory.create(v);
  }

  @Test
  void paymentsAreSummedBySettledStatusAndObligation() {
    List<Row> rows =
        List.of(
            payment("T1", "D1", 4, 100_000, "Lệ phí"),
            payment("T2", "D1", 1, 100_000, "Lệ phí"),
            payment("T3", "D2", 1, 3_000_000, "Phí; Nghĩa vụ tài chính"),
            payment("T4", "D2", 1, 50_000, "Phí"),
            payment("T5", "D3", 3, 70_000, "Lệ phí"));
    Row f =
        FctPaymentDailyJob.transform(
                SharedSpark.spark().createDataFrame(rows, Tables.SILVER_PAYMENT.schema()))
            .head();
    assertThat(f.<Long>getAs("transaction_count")).isEqualTo(5);
    assertThat(f.<Long>getAs("success_count")).isEqualTo(3);
    assertThat(f.<Long>getAs("failed_count")).isEqualTo(1);
    assertThat(f.<Long>getAs("pending_count")).isEqualTo(1);
    assertThat(f.<Long>getAs("paid_dossier_count")).isEqualTo(2); // D1, D2
    assertThat(f.<Long>getAs("amount_vnd")).isEqualTo(3_150_000);
    assertThat(f.<Long>getAs("obligation_amount_vnd")).isEqualTo(3_000_000);
  }
}
