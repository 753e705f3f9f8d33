package vn.dti.etl.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dti.etl.silver.SilverDossierJobTest.UNIT_CODE;
import static vn.dti.etl.silver.SilverDossierJobTest.record;
import static vn.dti.etl.silver.SilverDossierJobTest.with;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.dti.etl.bronze.BronzeDossierJob;
import vn.dti.etl.bronze.FullRebuild;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.source.SourceFolder;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/** Tier 2: the nested lists of a dossier's winning version become their own silver tables. */
class DossierChildTablesTest {
  private static final PseudonymKey KEY = PseudonymKey.of("child-test-key-0123456789abcdefghijkl");
  private static final String A = UNIT_CODE + "-240502-0001";
  private static final String B = UNIT_CODE + "-240502-0002";

  /** A record of dossier A updated at {@code updated}, with its nested lists as raw JSON. */
  private static String versionOfA(String updated, String history, String fees, String results) {
    String base = record(with("NgayCapNhat", updated));
    return base.substring(0, base.length() - 1)
        + ",\"QuaTrinhXuLy\":"
        + history
        + ",\"DanhSachHoSoBoSung\":[{\"NgayYeuCau\":\"2024-05-03T10:00:00\",\"NgayBoSung\":null}]"
        + ",\"DanhSachLePhi\":"
        + fees
        + ",\"DanhSachGiayToKetQua\":"
        + results
        + "}";
  }

  private static final String HISTORY_3 =
      "[{\"TrangThai\":1,\"ThoiDiem\":\"2024-05-02T07:00:00\"},"
          + "{\"TrangThai\":2,\"ThoiDiem\":\"2024-05-02T08:00:00\"},"
          + "{\"TrangThai\":4,\"ThoiDiem\":\"02/05/2024 09:00:00\"}]";
  private static final String HISTORY_4 =
      HISTORY_3.substring(0, HISTORY_3.length() - 1)
          + ",{\"TrangThai\":5,\"ThoiDiem\":\"2024-05-03T10:00:00\"}]";
  private static final String TWO_FEES =
      "[{\"MaPhiLePhi\":\"lp1\",\"TenPhiLePhi\":\"Lệ phí\",\"LoaiPhiLePhi\":2,\"SoTien\":50000},"
          + "{\"MaPhiLePhi\":\"NVTC1\",\"TenPhiLePhi\":\"Tiền sử dụng đất\",\"LoaiPhiLePhi\":3,"
          + "\"SoTien\":\"1.250.000\"}]";
  private static final String ONE_FEE =
      "[{\"MaPhiLePhi\":\"LP1\",\"TenPhiLePhi\":\"Lệ phí\",\"LoaiPhiLePhi\":2,\"SoTien\":50000}]";
  private static final String PAPER_RESULT =
      "[{\"MaGiayToKetQua\":\"KQ-1\",\"TenGiayTo\":\"Kết quả\",\"DuongDanTepTinKetQua\":null}]";
  private static final String ELECTRONIC_RESULT =
      "[{\"MaGiayToKetQua\":\"KQ-1\",\"TenGiayTo\":\"Kết quả\","
          + "\"DuongDanTepTinKetQua\":\"https://dichvucong.gov.vn/kq/1.pdf\"}]";

  private static void load(JobContext ctx, Path dir, String day, String... lines)
      throws IOException {
    Path f = dir.resolve("portal").resolve("dossiers-" + day + ".jsonl");
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n", lines) + "\n");
    BronzeDossierJob.run(ctx, List.of(SourceFolder.describe("portal", f)));
    SilverDossierJob.run(ctx, KEY);
  }

  private static List<String> rows(DeltaTableStore store, String seq, String... cols) {
    List<String> out = new ArrayList<>();
    for (Row r :
        store
            .read(
                switch (seq) {
                  case "event_seq" -> Tables.SILVER_DOSSIER_EVENT;
                  case "fee_seq" -> Tables.SILVER_DOSSIER_FEE;
                  case "result_seq" -> Tables.SILVER_DOSSIER_RESULT;
                  default -> Tables.SILVER_DOSSIER_SUPPLEMENT;
                })
            .orderBy("dossier_id", seq)
            .collectAsList()) {
      StringBuilder sb = new StringBuilder(r.<String>getAs("dossier_id").substring(21));
      sb.append(' ').append(r.<Integer>getAs(seq));
      for (String c : cols) {
        sb.append(' ').append((Object) r.getAs(c));
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void childRowsFollowTheVersionThatWinsInSilver() throws IOException {
    DeltaTableStore store = SharedSpark.newStore();
    store.overwrite(Tables.SILVER_UNIT, SilverDossierJobTest.units());
    Path dir = SharedSpark.newFolder("children-");
    JobContext ctx =
        new JobContext(
            store, Clock.fixed(Instant.parse("2024-05-05T00:00:00Z"), ZoneOffset.UTC), "run-1");

    load(
        ctx,
        dir,
        "2024-05-02",
        versionOfA("2024-05-02T09:00:00", HISTORY_3, TWO_FEES, PAPER_RESULT),
        record(with("MaHoSo", B)));
    assertThat(rows(store, "event_seq", "status_code", "event_at"))
        .containsExactly(
            "0001 1 1 2024-05-02T07:00", "0001 2 2 2024-05-02T08:00", "0001 3 4 2024-05-02T09:00");
    assertThat(rows(store, "fee_seq", "fee_code", "fee_name", "fee_kind", "amount_vnd"))
        .containsExactly("0001 1 LP1 Lệ phí 2 50000", "0001 2 NVTC1 Tiền sử dụng đất 3 1250000");
    assertThat(rows(store, "supplement_seq", "requested_at", "supplied_at"))
        .containsExactly("0001 1 2024-05-03T10:00 null");
    // A result on paper is a result, not an electronic one.
    assertThat(rows(store, "result_seq", "result_code", "is_electronic"))
        .containsExactly("0001 1 KQ-1 false");
    assertThat(
            store
                .read(Tables.SILVER_DOSSIER)
                .where("dossier_id = '" + A + "'")
                .head()
                .<Boolean>getAs("has_electronic_result"))
        .isFalse();

    // A newer version: one more status, one fee line fewer, an electronic result.
    java.util.OptionalLong supplementsVersion = store.version(Tables.SILVER_DOSSIER_SUPPLEMENT);
    load(
        ctx,
        dir,
        "2024-05-03",
        versionOfA("2024-05-03T10:00:00", HISTORY_4, ONE_FEE, ELECTRONIC_RESULT));
    assertThat(rows(store, "event_seq", "status_code"))
        .containsExactly("0001 1 1", "0001 2 2", "0001 3 4", "0001 4 5");
    assertThat(rows(store, "fee_seq", "fee_code")).containsExactly("0001 1 LP1");
    assertThat(rows(store, "result_seq", "is_electronic")).containsExactly("0001 1 true");
    // The history only grew: its new step was appended, and the three kept steps still name the
    // version that delivered them. The fee list lost a line and the result changed: their months
    // were rewritten with the new version's rows.
    assertThat(lastOperation(store, Tables.SILVER_DOSSIER_EVENT)).isEqualTo("WRITE Append");
    assertThat(rows(store, "event_seq", "source_updated_at"))
        .containsExactly(
            "0001 1 2024-05-02T09:00",
            "0001 2 2024-05-02T09:00",
            "0001 3 2024-05-02T09:00",
            "0001 4 2024-05-03T10:00");
    assertThat(lastOperation(store, Tables.SILVER_DOSSIER_FEE)).isEqualTo("WRITE Overwrite");
    assertThat(rows(store, "fee_seq", "source_updated_at"))
        .containsExactly("0001 1 2024-05-03T10:00");
    assertThat(lastOperation(store, Tables.SILVER_DOSSIER_RESULT)).isEqualTo("WRITE Overwrite");
    // The supplement list is the same: nothing to write, no commit.
    assertThat(store.version(Tables.SILVER_DOSSIER_SUPPLEMENT)).isEqualTo(supplementsVersion);

    // The same batches processed again (as after a crash before they were marked processed):
    // the winners are found again, and no child table changes.
    Map<String, Long> childVersions = childVersions(store);
    Map<String, List<String>> before = contents(store, false);
    assertThat(new vn.dti.etl.bronze.BatchRegistry(store).reopenProcessed()).isEqualTo(2);
    SilverDossierJob.run(ctx, KEY);
    assertThat(childVersions(store)).isEqualTo(childVersions);
    assertThat(contents(store, false)).isEqualTo(before);

    // An older version arriving late changes neither the dossier nor its children.
    long eventsVersion = store.version(Tables.SILVER_DOSSIER_EVENT).getAsLong();
    load(
        ctx,
        dir,
        "2024-05-04",
        versionOfA("2024-05-02T12:00:00", HISTORY_3, TWO_FEES, PAPER_RESULT));
    assertThat(rows(store, "event_seq", "status_code")).hasSize(4);
    assertThat(rows(store, "fee_seq", "fee_code")).containsExactly("0001 1 LP1");
    assertThat(store.version(Tables.SILVER_DOSSIER_EVENT).getAsLong()).isEqualTo(eventsVersion);
    assertThat(store.read(Tables.SILVER_DOSSIER_EVENT).count()).isEqualTo(4);

    // A full rebuild from bronze gives the same silver, children and quarantine, all batches
    // processed again.
    Map<String, List<String>> incremental = contents(store, true);
    FullRebuild.prepare(ctx);
    assertThat(store.read(Tables.SILVER_DOSSIER).count()).isZero();
    store.overwrite(Tables.SILVER_UNIT, SilverDossierJobTest.units()); // the reference step's job
    var rebuilt = SilverDossierJob.run(ctx, KEY);
    assertThat(rebuilt.counts().read()).isEqualTo(4);
    assertThat(rebuilt.counts().message()).isEqualTo("3 batch(es)");
    assertThat(contents(store, true)).isEqualTo(incremental);
    // Rebuilt, the history came in one version: its lineage names that version for every step.
    assertThat(rows(store, "event_seq", "source_updated_at"))
        .containsOnly(
            "0001 1 2024-05-03T10:00",
            "0001 2 2024-05-03T10:00",
            "0001 3 2024-05-03T10:00",
            "0001 4 2024-05-03T10:00");
  }

  /** The latest commit's operation and, for a write, its mode: "WRITE Append". */
  private static String lastOperation(DeltaTableStore store, TableSpec table) {
    Row last =
        io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), store.path(table))
            .history(1)
            .head();
    Map<String, String> parameters = last.getJavaMap(last.fieldIndex("operationParameters"));
    return (last.<String>getAs("operation") + " " + parameters.getOrDefault("mode", "")).strip();
  }

  private static Map<String, Long> childVersions(DeltaTableStore store) {
    Map<String, Long> m = new TreeMap<>();
    for (TableSpec t :
        List.of(
            Tables.SILVER_DOSSIER_EVENT,
            Tables.SILVER_DOSSIER_SUPPLEMENT,
            Tables.SILVER_DOSSIER_FEE,
            Tables.SILVER_DOSSIER_RESULT)) {
      m.put(t.name(), store.version(t).orElse(-1));
    }
    return m;
  }

  /**
   * Silver, child and quarantine rows as sorted text, the batch lineage column left out; with
   * {@code contentOnly}, the child rows' version column too (it names the version that first
   * delivered a row, which a rebuild meets later).
   */
  private static Map<String, List<String>> contents(DeltaTableStore store, boolean contentOnly) {
    Map<String, List<String>> m = new TreeMap<>();
    for (TableSpec t :
        List.of(
            Tables.SILVER_DOSSIER,
            Tables.SILVER_DOSSIER_EVENT,
            Tables.SILVER_DOSSIER_SUPPLEMENT,
            Tables.SILVER_DOSSIER_FEE,
            Tables.SILVER_DOSSIER_RESULT,
            Tables.QUARANTINE_DOSSIER)) {
      List<String> rows = new ArrayList<>();
      org.apache.spark.sql.Dataset<Row> d = store.read(t).drop("_batch_id");
      if (contentOnly && t != Tables.SILVER_DOSSIER && t != Tables.QUARANTINE_DOSSIER) {
        d = d.drop("source_updated_at");
      }
      d.collectAsList().forEach(r -> rows.add(r.toString()));
      rows.sort(null);
      m.put(t.name(), rows);
    }
    return m;
  }
}
