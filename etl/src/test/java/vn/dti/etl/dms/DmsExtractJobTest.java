package vn.dti.etl.dms;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.dti.etl.reference.UnitReferenceJob;
import vn.dti.etl.silver.SilverDocumentJob;
import vn.dti.etl.source.SourceFolder;
import vn.dti.sample.gen.SourceGenerator;
import vn.dti.sample.pg.DmsLoader;
import vn.dti.sample.pg.EmbeddedPostgres;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/**
 * The document-management extract against a real PostgreSQL holding a generated QLVB database:
 * loaded once, then again incrementally after the source changes, then once more with nothing new.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DmsExtractJobTest {
  private static final Retry NO_WAIT = new Retry(3, Duration.ofMillis(1), d -> {});

  private EmbeddedPostgres pg;
  private DmsConnection dms;
  private DeltaTableStore store;
  private Path source;
  private long outgoing;
  private long incoming;
  private List<String[]> manifest;

  @BeforeAll
  void startDatabase() throws Exception {
    Path work = SharedSpark.newFolder("dms-");
    pg = EmbeddedPostgres.startTemporary();
    pg.createDatabase("qlvb");
    source = work.resolve("source");
    SourceGenerator.generate(
        new SourceGenerator.Spec(0.003, 2024, 2024, 5, 0.03, List.of("70"), 0.6, 4, true),
        source,
        s -> {});
    try (Connection c = pg.connect("qlvb")) {
      Map<String, Long> loaded = DmsLoader.load(c, source.resolve("dms"));
      outgoing = loaded.get("qlvb.van_ban_di");
      incoming = loaded.get("qlvb.van_ban_den");
    }
    dms = new DmsConnection(pg.jdbcUrl("qlvb"), EmbeddedPostgres.USER, "", "qlvb", 3);
    store = new DeltaTableStore(SharedSpark.spark(), work.resolve("warehouse").toString());
    UnitReferenceJob.run(ctx("ref"), new SourceFolder(source), Optional.empty());
    manifest = new ArrayList<>();
    for (String line : Files.readAllLines(source.resolve("manifest.csv"))) {
      String[] r = line.split(",", -1);
      if (r[1].equals("dms")) {
        manifest.add(r);
      }
    }
  }

  @AfterAll
  void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  private JobContext ctx(String run) {
    return new JobContext(
        store, Clock.fixed(Instant.parse("2025-01-02T19:00:00Z"), ZoneOffset.UTC), run);
  }

  @Test
  @Order(1)
  void theFirstRunExtractsEveryRowAndAccountsForEachInSilver() {
    StepResult r = DmsExtractJob.run(ctx("run-1"), dms, NO_WAIT);
    assertThat(r.counts().read()).isEqualTo(outgoing + incoming).isPositive();
    assertThat(store.read(Tables.BRONZE_DMS_DOCUMENT).count()).isEqualTo(outgoing + incoming);
    assertThat(store.read(Tables.OPS_WATERMARK).count()).isEqualTo(2);

    StepResult s = SilverDocumentJob.run(ctx("run-1"));
    long quarantined = store.read(Tables.QUARANTINE_DOCUMENT).count();
    assertThat(s.counts().read()).isEqualTo(outgoing + incoming);
    assertThat(s.counts().accepted() + s.counts().quarantined() + s.counts().duplicate())
        .isEqualTo(outgoing + incoming);
    assertThat(store.read(Tables.SILVER_DOCUMENT).count())
        .isEqualTo(outgoing + incoming - quarantined);
    assertThat(store.read(Tables.OPS_BATCH).where(col("source").equalTo("dms")).count())
        .isEqualTo(2);
  }

  @Test
  @Order(2)
  void everyInjectedDocumentDefectHasItsExpectedOutcome() {
    assertThat(manifest).extracting(m -> m[5]).contains("FUTURE_DATE", "NFD_TEXT");
    for (String[] m : manifest) {
      String key = (m[2].endsWith("van_ban_di.csv") ? "outgoing:" : "incoming:") + m[4];
      List<Row> silver =
          store
              .read(Tables.SILVER_DOCUMENT)
              .where(col("document_key").equalTo(key))
              .collectAsList();
      switch (m[5]) {
        case "FUTURE_DATE" -> {
          assertThat(silver).as(key).isEmpty();
          assertThat(
                  store
                      .read(Tables.QUARANTINE_DOCUMENT)
                      .where(col("raw_record").contains("\"id\":" + m[4] + ","))
                      .select("reason_code")
                      .collectAsList())
              .as(key)
              .extracting(r -> r.getString(0))
              .containsExactly("FUTURE_DATE");
        }
        case "NFD_TEXT" -> {
          String subject = silver.get(0).getAs("subject");
          assertThat(Normalizer.isNormalized(subject, Normalizer.Form.NFC)).as(key).isTrue();
        }
        case "CODE_WHITESPACE_CASE" ->
            assertThat(silver.get(0).<String>getAs("unit_code")).as(key).matches("[0-9.]+H\\d{2}");
        default -> throw new AssertionError("unexpected document defect " + String.join(",", m));
      }
    }
  }

  @Test
  @Order(3)
  void aSecondRunWithNothingNewExtractsNothing() {
    long version = store.version(Tables.BRONZE_DMS_DOCUMENT).orElseThrow();
    StepResult r = DmsExtractJob.run(ctx("run-2"), dms, NO_WAIT);
    assertThat(r.counts().read()).isZero();
    assertThat(r.counts().message()).isEqualTo("van_ban_di up to date, van_ban_den up to date");
    assertThat(store.version(Tables.BRONZE_DMS_DOCUMENT).orElseThrow()).isEqualTo(version);
    assertThat(SilverDocumentJob.run(ctx("run-2")).counts().read()).isZero();
  }

  @Test
  @Order(4)
  void afterTheSourceChangesOnlyTheChangedRowsAreExtracted() throws Exception {
    long silverBefore = store.read(Tables.SILVER_DOCUMENT).count();
    long changedId;
    try (Connection c = pg.connect("qlvb");
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "select id from qlvb.van_ban_di where not da_ky_so and ngay_ban_hanh <= ngay_cap_nhat"
                  + " and ma_co_quan = upper(trim(ma_co_quan)) order by id limit 1")) {
        rs.next();
        changedId = rs.getLong(1);
      }
      // Signed afterwards: the same document, a later change time.
      s.executeUpdate(
          "update qlvb.van_ban_di set da_ky_so = true, thoi_gian_ky_so = ngay_cap_nhat,"
              + " ngay_cap_nhat = (select max(ngay_cap_nhat) from qlvb.van_ban_di)"
              + " + interval '1 hour' where id = "
              + changedId);
      // A new incoming document.
      s.executeUpdate(
          "insert into qlvb.van_ban_den select id + 1000000, ma_co_quan, so_den + 100000, nam,"
              + " ngay_den, so_ky_hieu_goc, co_quan_ban_hanh, loai_van_ban, trich_yeu, do_khan,"
              + " do_mat, nhan_truc_lien_thong, xu_ly_tren_he_thong, han_xu_ly, ngay_hoan_thanh,"
              + " (select max(ngay_cap_nhat) from qlvb.van_ban_den) + interval '1 hour'"
              + " from qlvb.van_ban_den where ngay_den <= ngay_cap_nhat"
              + " and ma_co_quan = upper(trim(ma_co_quan)) order by id limit 1");
    }
    StepResult r = DmsExtractJob.run(ctx("run-3"), dms, NO_WAIT);
    assertThat(r.counts().read()).isEqualTo(2);
    assertThat(r.counts().message()).isEqualTo("van_ban_di 1 row(s), van_ban_den 1 row(s)");
    StepResult s = SilverDocumentJob.run(ctx("run-3"));
    assertThat(s.counts().accepted()).isEqualTo(2);
    assertThat(store.read(Tables.SILVER_DOCUMENT).count()).isEqualTo(silverBefore + 1);
    Row signed =
        store
            .read(Tables.SILVER_DOCUMENT)
            .where(col("document_key").equalTo("outgoing:" + changedId))
            .head();
    assertThat(signed.<Boolean>getAs("is_signed")).isTrue();
    assertThat(store.read(Tables.BRONZE_DMS_DOCUMENT).count()).isEqualTo(outgoing + incoming + 2);
  }

  @Test
  @Order(5)
  void anUnreachableServerIsRetriedThenReportedWithoutThePassword() {
    DmsConnection down =
        new DmsConnection(
            "jdbc:postgresql://127.0.0.1:1/qlvb?password=secret", "reader", "secret", "qlvb", 1);
    assertThatThrownBy(() -> DmsExtractJob.run(ctx("run-4"), down, NO_WAIT))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("Cannot reach the document-management database at")
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("secret");
  }

  @Test
  @Order(6)
  void aMissingTableIsReportedAtOnceNotRetried() {
    DmsConnection wrong = new DmsConnection(dms.url(), dms.user(), "", "public", 1);
    assertThatThrownBy(() -> DmsExtractJob.run(ctx("run-5"), wrong, NO_WAIT))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("refused reading the extent of public.van_ban_di")
        .hasMessageContaining("does not exist");
  }
}
