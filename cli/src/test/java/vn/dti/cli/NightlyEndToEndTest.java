package vn.dti.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.sample.SampleSource;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.config.ConfigLoader;
import vn.dti.warehouse.config.WarehouseConfig;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/**
 * Tier 3: the nightly run on the committed sample, twice. Expected rankings were worked out
 * independently of this code: by sample-data/tools/expected_ranking.py (a separate reading of the
 * rules over the raw JSON lines), which reproduces the counts the sample was designed with
 * (sample-data/README.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyEndToEndTest {
  private Path source;
  private WarehouseConfig config;
  private DeltaTableStore store;
  private List<StepRecord> firstRun;
  private List<StepRecord> secondRun;
  private Map<String, Long> rowsAfterFirst;
  private Map<String, Long> versionsAfterFirst;

  @BeforeAll
  void runTwice() {
    Path data = SharedSpark.newFolder("e2e-");
    config = new ConfigLoader(Map.of()).load(null, Map.of(ConfigLoader.DATA_DIR, data.toString()));
    store = new DeltaTableStore(SharedSpark.spark(), config.warehouseLocation());
    source = SampleSource.extractTo(data.resolve("source"));
    PseudonymKey key = PseudonymKey.fromEnvironment(Map.of(), PseudonymKey.DemoKey.ALLOWED);
    Clock clock = Clock.fixed(Instant.parse("2024-07-01T19:00:00Z"), ZoneOffset.UTC);
    firstRun = new NightlyPipeline(new JobContext(store, clock, "run-1"), config, key).run(source);
    rowsAfterFirst = rowCounts();
    versionsAfterFirst = versions();
    secondRun = new NightlyPipeline(new JobContext(store, clock, "run-2"), config, key).run(source);
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> m = new TreeMap<>();
    for (TableSpec t : Tables.ALL) {
      if (t != Tables.OPS_JOB_RUN) {
        m.put(t.name(), store.read(t).count());
      }
    }
    return m;
  }

  private Map<String, Long> versions() {
    Map<String, Long> m = new TreeMap<>();
    for (TableSpec t : Tables.ALL) {
      if (t != Tables.OPS_JOB_RUN) {
        m.put(t.name(), store.version(t).orElse(-1));
      }
    }
    return m;
  }

  @Test
  void rankingMatchesTheHandComputedTable() {
    List<String> actual = new ArrayList<>();
    for (Row r :
        store
            .read(Tables.GOLD_RANKING)
            .join(
                store
                    .read(Tables.GOLD_INDICATOR_VALUE)
                    .select("period", "unit_code", "numerator", "denominator"),
                scalaSeq("period", "unit_code"))
            .orderBy("period", "rank", "unit_code")
            .collectAsList()) {
      actual.add(
          String.join(
              " ",
              r.<String>getAs("period"),
              String.valueOf(r.<Integer>getAs("rank")),
              r.getAs("unit_code"),
              r.getAs("score").toString(),
              "received=" + r.getAs("denominator"),
              "on_time=" + r.getAs("numerator"),
              "prev=" + r.getAs("previous_rank")));
    }
    assertThat(actual)
        .containsExactly(
            "2024-05 1 70 19.00 received=300 on_time=285 prev=null",
            "2024-05 2 24 18.00 received=280 on_time=252 prev=null",
            "2024-05 2 75 18.00 received=250 on_time=225 prev=null",
            "2024-05 4 60 17.00 received=260 on_time=221 prev=null",
            "2024-05 5 68 15.60 received=200 on_time=156 prev=null",
            "2024-06 1 24 19.40 received=300 on_time=291 prev=2",
            "2024-06 2 70 19.00 received=320 on_time=304 prev=1",
            "2024-06 3 60 18.01 received=251 on_time=226 prev=4",
            "2024-06 4 75 18.00 received=270 on_time=243 prev=2",
            "2024-06 5 68 17.00 received=220 on_time=187 prev=5");
    Row bp =
        store
            .read(Tables.GOLD_RANKING)
            .where(col("unit_code").equalTo("70").and(col("period").equalTo("2024-05")))
            .head();
    assertThat(bp.<String>getAs("unit_name")).isEqualTo("Tỉnh Bình Phước");
    assertThat(bp.<String>getAs("input_versions"))
        .contains("gold.indicator_value=")
        .contains("gold.dim_unit=");
  }

  @Test
  void aSecondRunChangesNoTable() {
    assertThat(rowCounts()).isEqualTo(rowsAfterFirst);
    assertThat(versions()).isEqualTo(versionsAfterFirst);
    assertThat(secondRun).allSatisfy(r -> assertThat(r.counts().written()).as(r.step()).isZero());
    assertThat(secondRun).extracting(StepRecord::status).doesNotContain(StepRecord.Status.FAILED);
    assertThat(secondRun.get(1).counts().message()).isEqualTo("no new files; 61 already ingested");
  }

  @Test
  void eachBadRecordIsInQuarantineWithItsReason() {
    Map<String, String> q = new TreeMap<>();
    for (Row r : store.read(Tables.QUARANTINE_DOSSIER).collectAsList()) {
      q.put(
          r.getAs("reason_code"),
          r.<String>getAs("_source_file") + " | " + r.<String>getAs("raw_record").substring(0, 40));
    }
    assertThat(q).containsOnlyKeys("MALFORMED_JSON", "MISSING_KEY", "INVALID_DATE", "UNKNOWN_UNIT");
    assertThat(q.get("MALFORMED_JSON")).startsWith("dossiers-2024-05-07.jsonl");
    assertThat(q.get("MISSING_KEY")).startsWith("dossiers-2024-05-14.jsonl");
    assertThat(q.get("INVALID_DATE")).startsWith("dossiers-2024-05-21.jsonl");
    assertThat(q.get("UNKNOWN_UNIT")).startsWith("dossiers-2024-06-04.jsonl").contains("H99");
    Row dupBatch =
        store
            .read(Tables.OPS_BATCH)
            .where(col("source_file").equalTo("dossiers-2024-06-11.jsonl"))
            .head();
    assertThat(dupBatch.<Long>getAs("records_duplicate")).isEqualTo(1L);
  }

  @Test
  void everyRecordReadIsAccountedForPerBatch() throws IOException {
    long lines = 0;
    try (Stream<Path> files = Files.list(source.resolve("portal"))) {
      for (Path f : files.toList()) {
        lines +=
            Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .count();
      }
    }
    List<Row> batches = store.read(Tables.OPS_BATCH).collectAsList();
    assertThat(batches)
        .hasSize(61)
        .allSatisfy(
            b -> {
              assertThat(b.<String>getAs("status")).isEqualTo("PROCESSED");
              assertThat(b.<Long>getAs("records_read"))
                  .isEqualTo(
                      b.<Long>getAs("records_accepted")
                          + b.<Long>getAs("records_quarantined")
                          + b.<Long>getAs("records_duplicate"));
            });
    assertThat(batches.stream().mapToLong(b -> b.<Long>getAs("records_read")).sum())
        .isEqualTo(lines)
        .isEqualTo(5166);
    StepRecord silver = firstRun.get(2);
    assertThat(silver.step()).isEqualTo("silver.dossier");
    assertThat(silver.counts().read()).isEqualTo(5166);
    assertThat(silver.counts().quarantined()).isEqualTo(4);
    assertThat(silver.counts().duplicate()).isEqualTo(1);
    assertThat(silver.counts().accepted()).isEqualTo(5161);
  }

  @Test
  void aStaleVersionArrivingLateDoesNotOverwriteTheFinalState() throws IOException {
    // The 2024-06-18 file carries, first, a status-5 version of a dossier finished in May (see
    // PortalSampleGenerator).
    String stale =
        Files.readAllLines(
                source.resolve("portal/dossiers-2024-06-18.jsonl"), StandardCharsets.UTF_8)
            .get(0);
    assertThat(stale).contains("\"TrangThaiHoSo\":5");
    String id = stale.substring(11, stale.indexOf('"', 11));
    Row r = store.read(Tables.SILVER_DOSSIER).where(col("dossier_id").equalTo(id)).head();
    assertThat(r.<Integer>getAs("status_code")).isIn(9, 10);
    assertThat(store.read(Tables.SILVER_DOSSIER).where(col("dossier_id").equalTo(id)).count())
        .isEqualTo(1);
  }

  @Test
  void silverHoldsOneRowPerDossier() {
    assertThat(store.read(Tables.SILVER_DOSSIER).select("dossier_id").distinct().count())
        .isEqualTo(store.read(Tables.SILVER_DOSSIER).count())
        .isEqualTo(2701);
  }

  @Test
  void noPersonalValueFromTheSampleReachesSilverGoldOrDuckDb() throws IOException {
    Set<String> personal = new HashSet<>();
    Pattern p = Pattern.compile("\"(ChuHoSo|SoGiayToChuHoSo|SoDienThoai|Email)\":\"([^\"]+)\"");
    try (Stream<Path> files = Files.list(source.resolve("portal"))) {
      for (Path f : files.toList()) {
        Matcher m = p.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          personal.add(m.group(2));
        }
      }
    }
    assertThat(personal).hasSizeGreaterThan(1000);
    for (TableSpec t : Tables.ALL) {
      if (t.layer() == Layer.BRONZE || t.layer() == Layer.QUARANTINE) {
        continue;
      }
      for (StructField f : t.schema().fields()) {
        if (f.dataType().equals(DataTypes.StringType)) {
          for (Row r : store.read(t).select(f.name()).distinct().collectAsList()) {
            assertThat(personal).as("%s.%s", t, f.name()).doesNotContain(r.getString(0));
          }
        }
      }
    }
    String duck = new String(Files.readAllBytes(config.duckDbFile()), StandardCharsets.ISO_8859_1);
    assertThat(
            personal.stream()
                .filter(v -> v.matches("[0-9]{10,12}"))
                .filter(duck::contains)
                .toList())
        .isEmpty();
  }

  @Test
  void aSeparateDuckDbProcessReadsTheRankingSparkHolds() throws Exception {
    List<String> spark = new ArrayList<>();
    for (Row r :
        store.read(Tables.GOLD_RANKING).orderBy("period", "rank", "unit_code").collectAsList()) {
      spark.add(
          r.getAs("period")
              + "\t"
              + r.getAs("rank")
              + "\t"
              + r.getAs("unit_code")
              + "\t"
              + r.getAs("unit_name")
              + "\t"
              + r.getAs("score"));
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process proc =
        new ProcessBuilder(
                java,
                "-cp",
                classpath,
                "vn.dti.cli.DtiMain",
                "query",
                "--db",
                config.duckDbFile().toString(),
                "select period, rank, unit_code, unit_name, score from gold.ranking order by period, rank, unit_code")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(proc.exitValue()).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).isEqualTo("period\trank\tunit_code\tunit_name\tscore");
    assertThat(lines.subList(1, lines.size())).isEqualTo(spark).hasSize(10);
  }

  @Test
  void theCommitteeGetsAWorkbook() {
    assertThat(config.reportsDir().resolve("report-qd766-tdgq-2024-06.xlsx")).isRegularFile();
    assertThat(firstRun)
        .extracting(StepRecord::step)
        .containsExactly(
            "silver.unit",
            "bronze.portal_dossier",
            "silver.dossier",
            "gold.fct_dossier_daily",
            "gold.indicator_value",
            "gold.ranking",
            "publish.duckdb",
            "report.ranking");
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(String... s) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(s)).toList();
  }
}
