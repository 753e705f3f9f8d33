package vn.dti.etl.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

class FctDossierDailyJobTest {
  private static int seq;

  /** A silver dossier received on {@code received} at 08:00, due at 17:00 on {@code due}. */
  private static Row dossier(
      String unit,
      int status,
      int channel,
      int level,
      String received,
      String due,
      String finishedAt) {
    seq++;
    LocalDateTime rec = LocalDateTime.parse(received + "T08:00:00");
    return RowFactory.create(
        unit + "-" + seq,
        "1.001612",
        unit,
        "70",
        channel,
        level,
        status,
        status != 1 && status != 3,
        rec,
        rec,
        Date.valueOf(received),
        received.substring(0, 7),
        LocalDateTime.parse(due + "T17:00:00"),
        finishedAt == null ? null : LocalDateTime.parse(finishedAt.replace(' ', 'T')),
        null,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        0,
        null,
        null,
        null,
        null,
        rec,
        "b",
        "h" + seq);
  }

  private static Dataset<Row> silver(Row... rows) {
    return SharedSpark.spark().createDataFrame(List.of(rows), Tables.SILVER_DOSSIER.schema());
  }

  private static Dataset<Row> noSupplements() {
    return SharedSpark.spark()
        .createDataFrame(List.of(), Tables.SILVER_DOSSIER_SUPPLEMENT.schema());
  }

  /** The dossier with its supplement requests counted as the list's length. */
  private static Row withSupplements(Row dossier, int count) {
    Object[] v = new Object[dossier.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = dossier.get(i);
    }
    v[Tables.SILVER_DOSSIER.columnNames().indexOf("supplement_count")] = count;
    return RowFactory.create(v);
  }

  /** A supplement request of a dossier: requested at 09:00, supplied at 10:00 (or not yet). */
  private static Row supplement(Row dossier, int seq, String requested, String supplied) {
    Object[] v = new Object[Tables.SILVER_DOSSIER_SUPPLEMENT.schema().size()];
    List<String> cols = Tables.SILVER_DOSSIER_SUPPLEMENT.columnNames();
    v[cols.indexOf("dossier_id")] = dossier.getString(0);
    v[cols.indexOf("supplement_seq")] = seq;
    v[cols.indexOf("requested_at")] = LocalDateTime.parse(requested + "T09:00:00");
    v[cols.indexOf("supplied_at")] =
        supplied == null ? null : LocalDateTime.parse(supplied + "T10:00:00");
    v[cols.indexOf("unit_code")] = dossier.getString(2);
    v[cols.indexOf("province_code")] = dossier.getString(3);
    v[cols.indexOf("submitted_month")] = dossier.getString(11);
    v[cols.indexOf("source_updated_at")] = dossier.get(8);
    v[cols.indexOf("_batch_id")] = "b";
    return RowFactory.create(v);
  }

  /**
   * Decision 766's supplement rules, evaluated on 2024-05-31 (due dates 17:00, received 05-10): A
   * due 05-15, waited 05-11 → 05-14 (3 days: due 05-18), finished 05-18: on time. B the same,
   * finished 05-19: late. C open, due 05-20, asked 05-25 and still waiting (6 days to the
   * evaluation date: due 05-26): overdue. D open, due 05-28, asked 05-20 and still waiting (11
   * days: due 06-08): within due. E finished 05-12, well before its due date, but asked twice:
   * overdue. F finished 05-16 after waiting from 05-12 until it finished on 05-16 without the
   * applicant answering (4 days: due 05-19): on time.
   */
  @Test
  void supplementWaitingMovesTheDueDateAndTwoRequestsAreOverdue() {
    String u = "000.00.13.H10";
    Row a =
        withSupplements(dossier(u, 10, 1, 3, "2024-05-10", "2024-05-15", "2024-05-18 16:00:00"), 1);
    Row b =
        withSupplements(dossier(u, 10, 1, 3, "2024-05-10", "2024-05-15", "2024-05-19 09:00:00"), 1);
    Row c = withSupplements(dossier(u, 4, 1, 3, "2024-05-10", "2024-05-20", null), 1);
    Row d = withSupplements(dossier(u, 4, 1, 3, "2024-05-10", "2024-05-28", null), 1);
    Row e =
        withSupplements(dossier(u, 10, 1, 3, "2024-05-10", "2024-05-25", "2024-05-12 09:00:00"), 2);
    Row f =
        withSupplements(dossier(u, 10, 1, 3, "2024-05-10", "2024-05-15", "2024-05-16 11:00:00"), 1);
    Dataset<Row> sups =
        SharedSpark.spark()
            .createDataFrame(
                List.of(
                    supplement(a, 1, "2024-05-11", "2024-05-14"),
                    supplement(b, 1, "2024-05-11", "2024-05-14"),
                    supplement(c, 1, "2024-05-25", null),
                    supplement(d, 1, "2024-05-20", null),
                    supplement(e, 1, "2024-05-10", "2024-05-10"),
                    supplement(e, 2, "2024-05-11", "2024-05-11"),
                    supplement(f, 1, "2024-05-12", null)),
                Tables.SILVER_DOSSIER_SUPPLEMENT.schema());
    assertThat(
            facts(
                FctDossierDailyJob.transform(
                    silver(a, b, c, d, e, f), sups, LocalDate.of(2024, 6, 30))))
        .isEqualTo(
            Map.of(
                u + " 2024-05-10",
                "received=6 online=0 full_online=0 finished=4 finished_on_time=2 finished_late=2"
                    + " open=2 open_within_due=1 open_overdue=1 on_time=3 overdue=3"));
  }

  private static Map<String, String> facts(Dataset<Row> fct) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : fct.collectAsList()) {
      List<String> v = new ArrayList<>();
      for (String c :
          List.of(
              "received_count",
              "online_count",
              "full_online_count",
              "finished_count",
              "finished_on_time_count",
              "finished_late_count",
              "open_count",
              "open_within_due_count",
              "open_overdue_count",
              "on_time_count",
              "overdue_count")) {
        v.add(c.replace("_count", "") + "=" + r.getAs(c));
      }
      m.put(r.getAs("unit_code") + " " + r.getAs("received_date"), String.join(" ", v));
    }
    return m;
  }

  @Test
  void classifiesEachReceivedDossierOnceAgainstItsDueDate() {
    String u = "000.00.13.H10";
    Dataset<Row> s =
        silver(
            dossier(
                u,
                10,
                2,
                4,
                "2024-05-10",
                "2024-05-15",
                "2024-05-12 09:00:00"), // finished early: on time
            dossier(u, 10, 1, 3, "2024-05-10", "2024-05-15", "2024-05-16 09:00:00"), // a day late
            dossier(
                u,
                9,
                2,
                3,
                "2024-05-10",
                "2024-05-15",
                "2024-05-15 18:30:00"), // on the due date (by date): on time
            dossier(
                u,
                4,
                2,
                4,
                "2024-05-10",
                "2024-06-05",
                null), // open, due after the month's end: on time for May
            dossier(
                u,
                5,
                1,
                3,
                "2024-05-10",
                "2024-05-20",
                null), // open, due passed within May: overdue
            dossier(
                u,
                3,
                2,
                4,
                "2024-05-10",
                "2024-05-15",
                null)); // refused: not received, not counted
    assertThat(facts(FctDossierDailyJob.transform(s, noSupplements(), LocalDate.of(2024, 6, 30))))
        .isEqualTo(
            Map.of(
                u + " 2024-05-10",
                "received=5 online=3 full_online=2 finished=3 finished_on_time=2 finished_late=1 open=2 open_within_due=1"
                    + " open_overdue=1 on_time=3 overdue=2"));
  }

  @Test
  void theCurrentMonthIsEvaluatedOnTheLastDayOfData() {
    String u = "000.30.00.H10";
    Dataset<Row> s =
        silver(
            dossier(
                u,
                4,
                1,
                3,
                "2024-06-10",
                "2024-06-25",
                null), // due after the as-of day: still within due
            dossier(u, 4, 1, 3, "2024-06-10", "2024-06-15", null)); // due before it: overdue
    Dataset<Row> fct = FctDossierDailyJob.transform(s, noSupplements(), LocalDate.of(2024, 6, 20));
    assertThat(facts(fct))
        .containsEntry(
            u + " 2024-06-10",
            "received=2 online=0 full_online=0 finished=0 finished_on_time=0 finished_late=0 open=2 open_within_due=1"
                + " open_overdue=1 on_time=1 overdue=1");
    Row r = fct.head();
    assertThat(r.<String>getAs("month")).isEqualTo("2024-06");
    assertThat(r.<Date>getAs("as_of_date")).isEqualTo(Date.valueOf("2024-06-20"));
    // The rows fit the catalog.
    assertThat(DeltaTableStore.conform(Tables.GOLD_FCT_DOSSIER_DAILY, fct).columns())
        .containsExactlyElementsOf(Tables.GOLD_FCT_DOSSIER_DAILY.columnNames());
  }
}
