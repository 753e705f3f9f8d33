package vn.dti.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.source.LoadWindow;
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
 * Tier 3: the nightly run on the committed sample, twice. The expected ranking was worked out
 * independently of this code by sample-data/tools/expected_ranking.py (a separate reading of the
 * rules over the raw files), committed as src/test/resources/expected/ranking-766-tdgq.tsv; the
 * expected fate of every injected defect comes from the generator's manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyEndToEndTest {
  private Path source;
  private WarehouseConfig config;
  private DeltaTableStore store;
  private LocalDate lastDay;
  private List<StepRecord> backfillRun;
  private List<StepRecord> dayRun;
  private List<StepRecord> secondRun;
  private int serviceExit;
  private Map<String, Long> versionsBeforeDay;
  private Map<String, List<String>> factsBeforeDay;
  private Map<String, List<String>> factsAfterDay;
  private Map<String, Long> rowsAfterFirst;
  private Map<String, Long> versionsAfterFirst;
  private Map<String, Long> secondRunRows;
  private Map<String, Long> secondRunVersions;
  private Map<String, List<String>> portal;
  private List<String[]> expected;
  private DeltaTableStore pilotStore;
  private List<StepRecord> pilotRun;

  /**
   * A methodology an operator drops into {@code methodology.dir}: the dossiers processed online per
   * province and quarter, from February 2024 on.
   */
  private static final String PILOT = DtiMainTest.pilot("sum(online_count)");

  /**
   * Loads the sample as a data engineer would: a backfill of every day but the last, the last day
   * on its own, then a repeat nightly run (nothing new). (A full rebuild is checked on smaller data
   * by DossierChildTablesTest.)
   */
  @BeforeAll
  void loadDayByDay() throws IOException {
    Path data = SharedSpark.newFolder("e2e-");
    config = new ConfigLoader(Map.of()).load(null, Map.of(ConfigLoader.DATA_DIR, data.toString()));
    store = new DeltaTableStore(SharedSpark.spark(), config.warehouseLocation());
    source = SampleSource.extractTo(data.resolve("source"));
    portal = new TreeMap<>();
    try (Stream<Path> files = Files.list(source.resolve("portal"))) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("dossiers-")).toList()) {
        portal.put(f.getFileName().toString(), gunzipLines(f));
      }
    }
    String lastFile = ((TreeMap<String, List<String>>) portal).lastKey();
    lastDay = LocalDate.parse(lastFile.substring("dossiers-".length(), "dossiers-".length() + 10));
    PseudonymKey key = PseudonymKey.fromEnvironment(Map.of(), PseudonymKey.DemoKey.ALLOWED);
    // Each run at its own time, as on a real machine: the ledger finds a step's last success by
    // its start time.
    Instant start = Instant.parse("2025-01-01T19:00:00Z");
    backfillRun =
        pipeline(at(start), "run-1")
            .run(
                source,
                new NightlyPipeline.Options(
                    new LoadWindow(Optional.empty(), Optional.of(lastDay.minusDays(1))),
                    NightlyPipeline.Mode.INCREMENTAL));
    versionsBeforeDay = versions();
    factsBeforeDay = factsByMonth();
    dayRun =
        pipeline(at(start.plusSeconds(3600)), "run-2")
            .run(
                source,
                new NightlyPipeline.Options(
                    LoadWindow.day(lastDay), NightlyPipeline.Mode.INCREMENTAL));
    rowsAfterFirst = rowCounts();
    versionsAfterFirst = versions();
    factsAfterDay = factsByMonth();
    // The repeat run is a night of the service, which runs the pipeline in this same JVM.
    Instant third = start.plusSeconds(7200);
    serviceExit =
        new NightlyService(
                new NightlyService.Settings(
                    new NightlyService.Schedule(List.of(LocalTime.of(2, 0)), ZoneOffset.UTC),
                    true,
                    1,
                    100),
                at(third),
                t -> {},
                NightlyService::collectedHeap,
                () -> true,
                new java.io.PrintWriter(System.err, true),
                true)
            .run(n -> secondRun = pipeline(at(third), "run-3").run(source));
    secondRunRows = rowCounts();
    secondRunVersions = versions();
    // A methodology file dropped into the operator's folder is scored by the next night, with no
    // rebuild: that night runs on a copy of this warehouse, so the other tests see the shipped
    // methodologies only.
    Path copy = SharedSpark.newFolder("e2e-pilot-");
    copyTree(data, copy, "source");
    Path folder = Files.createDirectories(copy.resolve("methodologies"));
    Files.writeString(folder.resolve("pilot.yaml"), PILOT, StandardCharsets.UTF_8);
    WarehouseConfig pilotConfig =
        new ConfigLoader(Map.of())
            .load(
                null,
                Map.of(
                    ConfigLoader.DATA_DIR,
                    copy.toString(),
                    ConfigLoader.METHODOLOGY_DIR,
                    folder.toString()));
    pilotStore = new DeltaTableStore(SharedSpark.spark(), pilotConfig.warehouseLocation());
    pilotRun =
        new NightlyPipeline(
                new JobContext(pilotStore, at(start.plusSeconds(10800)), "run-4"), pilotConfig, key)
            .run(source);
    expected = new ArrayList<>();
    try (var in = getClass().getResourceAsStream("/expected/ranking-766-tdgq.tsv")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .skip(1)
          .forEach(l -> expected.add(l.split("\t")));
    }
  }

  /** Copies a folder's files and sub-folders, but for the top-level one named {@code except}. */
  private static void copyTree(Path from, Path to, String except) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path rel = from.relativize(p);
        if (rel.getNameCount() > 0 && rel.getName(0).toString().equals(except)) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * The pilot file dropped into {@code methodology.dir} is scored by the next night: its step ran
   * and wrote, the shipped methodologies' steps found nothing to do, and its totals are the
   * quarters' online share of received dossiers (×100), summed here from the daily facts, for the
   * quarters from the one holding February 2024 (2024-Q1) on and none before.
   */
  @Test
  void aMethodologyDroppedIntoTheOperatorsFolderIsScoredByTheNextNight() {
    StepRecord pilot = step(pilotRun, "gold.score:pilot-online");
    assertThat(pilot.status()).isEqualTo(StepRecord.Status.SUCCESS);
    assertThat(pilot.counts().written()).isPositive();
    for (String shipped :
        List.of(
            "qd766",
            "dti-2022-province",
            "dti-2023-province",
            "dti-2024-province",
            "province-units-monthly")) {
      assertThat(step(pilotRun, "gold.score:" + shipped).counts().written()).as(shipped).isZero();
    }
    Map<String, Double> expected = new TreeMap<>();
    for (Row r :
        pilotStore
            .read(Tables.GOLD_FCT_DOSSIER_DAILY)
            .where(col("month").geq("2024-01"))
            .selectExpr(
                "province_code",
                "concat(substr(month, 1, 4), '-Q', cast(ceil(cast(substr(month, 6, 2) as int) / 3)"
                    + " as string)) as quarter",
                "online_count",
                "received_count")
            .groupBy("province_code", "quarter")
            .agg(
                org.apache.spark.sql.functions.sum("online_count").as("o"),
                org.apache.spark.sql.functions.sum("received_count").as("r"))
            .where(col("r").gt(0))
            .collectAsList()) {
      expected.put(
          r.getString(1) + " " + r.getString(0),
          100.0 * ((Number) r.getAs("o")).doubleValue() / ((Number) r.getAs("r")).doubleValue());
    }
    assertThat(expected).isNotEmpty();
    Map<String, Double> scored = new TreeMap<>();
    for (Row r :
        pilotStore
            .read(Tables.GOLD_SCORE)
            .where(
                col("methodology_id")
                    .equalTo("pilot-online")
                    .and(col("node_code").equalTo("T"))
                    .and(col("boundaries").equalTo("as_reported")))
            .select("period", "unit_code", "points")
            .collectAsList()) {
      scored.put(
          r.getString(0) + " " + r.getString(1),
          r.isNullAt(2) ? null : ((java.math.BigDecimal) r.get(2)).doubleValue());
    }
    assertThat(scored.keySet()).isEqualTo(expected.keySet());
    assertThat(scored.keySet()).allMatch(k -> k.startsWith("2024-Q"));
    expected.forEach((k, v) -> assertThat(scored.get(k)).as(k).isCloseTo(v, within(0.0001)));
  }

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  private NightlyPipeline pipeline(Clock clock, String runId) {
    PseudonymKey key = PseudonymKey.fromEnvironment(Map.of(), PseudonymKey.DemoKey.ALLOWED);
    return new NightlyPipeline(new JobContext(store, clock, runId), config, key);
  }

  /** A step's counts over the two runs that loaded the data (the backfill and the last day). */
  private long loaded(String step, java.util.function.ToLongFunction<StepRecord> count) {
    return count.applyAsLong(step(backfillRun, step)) + count.applyAsLong(step(dayRun, step));
  }

  /** gold.fct_dossier_daily's rows, as text, by month. */
  private Map<String, List<String>> factsByMonth() {
    Map<String, List<String>> m = new TreeMap<>();
    for (Row r : store.read(Tables.GOLD_FCT_DOSSIER_DAILY).collectAsList()) {
      m.computeIfAbsent(r.<String>getAs("month"), k -> new ArrayList<>()).add(r.toString());
    }
    m.values().forEach(l -> l.sort(null));
    return m;
  }

  private static StepRecord step(List<StepRecord> run, String name) {
    return run.stream().filter(r -> r.step().equals(name)).findFirst().orElseThrow();
  }

  /** The lines of a gzip-compressed text file (the portal's daily files). */
  static List<String> gunzipLines(Path f) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(f))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** Manifest rows of the portal: defect_id, source, file, line, record_key, defect, field, .. */
  private List<String[]> portalManifest() throws IOException {
    List<String[]> rows = new ArrayList<>();
    Pattern csv = Pattern.compile(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
    for (String l : Files.readAllLines(source.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
      String[] r = csv.split(l, -1);
      if (r[1].equals("portal")) {
        rows.add(r);
      }
    }
    return rows;
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

  /** The 766 on-time group of each province and month, as reported: what the workbook ranks. */
  private Dataset<Row> tdgqRanking() {
    return store
        .read(Tables.GOLD_RANKING)
        .where(
            col("methodology_id")
                .equalTo("qd766")
                .and(col("node_code").equalTo("TDGQ"))
                .and(col("boundaries").equalTo("as_reported"))
                .and(col("scope_code").equalTo("VN"))
                .and(col("period").rlike("^[0-9]{4}-[0-9]{2}$")));
  }

  /**
   * Inside each province the 766 ranks its departments and its communes among their peers: a
   * department's on-time indicator in May 2024 is its own dossiers' counts, summed here from the
   * facts, and its rank is among the departments of its province.
   */
  @Test
  void the766RanksEachProvincesDepartmentsAndCommunes() {
    Dataset<Row> agencies =
        store
            .read(Tables.GOLD_INDICATOR_VALUE)
            .where(
                col("methodology_id")
                    .equalTo("qd766")
                    .and(col("period").equalTo("2024-05"))
                    .and(col("indicator_code").equalTo("TDGQ.1"))
                    .and(col("scope_code").notEqual("VN")));
    assertThat(
            agencies
                .select("unit_level")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("department", "commune");
    Row busiest =
        store
            .read(Tables.GOLD_FCT_DOSSIER_DAILY)
            .where(col("month").equalTo("2024-05"))
            .join(
                store
                    .read(Tables.GOLD_DIM_UNIT)
                    .where(col("unit_level").equalTo("department"))
                    .select("unit_code")
                    .distinct(),
                scalaSeq("unit_code"))
            .groupBy("unit_code", "province_code")
            .agg(
                org.apache.spark.sql.functions.sum("on_time_count").as("on_time"),
                org.apache.spark.sql.functions.sum("received_count").as("received"))
            .orderBy(col("received").desc(), col("unit_code"))
            .head();
    Row leaf = agencies.where(col("unit_code").equalTo(busiest.getString(0))).head();
    assertThat(leaf.<String>getAs("unit_level")).isEqualTo("department");
    assertThat(leaf.<String>getAs("scope_code")).isEqualTo(busiest.getString(1));
    assertThat(leaf.<Double>getAs("numerator")).isEqualTo((double) busiest.getLong(2));
    assertThat(leaf.<Double>getAs("denominator")).isEqualTo((double) busiest.getLong(3));
    Dataset<Row> ranked =
        store
            .read(Tables.GOLD_RANKING)
            .where(
                col("methodology_id")
                    .equalTo("qd766")
                    .and(col("period").equalTo("2024-05"))
                    .and(col("node_code").equalTo("TOTAL"))
                    .and(col("unit_level").equalTo("department"))
                    .and(col("scope_code").equalTo(busiest.getString(1))));
    long peers = ranked.count();
    assertThat(peers).isGreaterThan(1);
    assertThat(ranked.where(col("units_ranked").notEqual(peers)).count()).isZero();
  }

  /**
   * The 766 is scored by quarter, half-year and year too, each from the period's own counts: the
   * on-time indicator's numerator and denominator of a province in a quarter, a half or a year are
   * the sums of its months' (taken from the independently computed monthly table), and every
   * province of a month is ranked in its quarter, half and year. The year runs to date: 2024's
   * figures sum the months loaded so far.
   */
  @Test
  void the766IsScoredByQuarterHalfAndYearFromThePeriodsOwnCounts() {
    Map<String, long[]> summed = new TreeMap<>();
    for (String[] e : expected) {
      String month = e[0];
      int m = Integer.parseInt(month.substring(5, 7));
      String y = month.substring(0, 4);
      for (String period : List.of(y + "-Q" + ((m + 2) / 3), y + "-H" + (m <= 6 ? 1 : 2), y)) {
        long[] nd = summed.computeIfAbsent(period + " " + e[1], k -> new long[2]);
        nd[0] += Long.parseLong(e[3]);
        nd[1] += Long.parseLong(e[2]);
      }
    }
    Map<String, long[]> scored = new TreeMap<>();
    for (Row r :
        store
            .read(Tables.GOLD_INDICATOR_VALUE)
            .where(
                col("methodology_id")
                    .equalTo("qd766")
                    .and(col("indicator_code").equalTo("TDGQ.1"))
                    .and(col("boundaries").equalTo("as_reported"))
                    .and(col("scope_code").equalTo("VN"))
                    .and(col("period").rlike("^[0-9]{4}(-[QH][0-9])?$")))
            .collectAsList()) {
      scored.put(
          r.<String>getAs("period") + " " + r.getAs("unit_code"),
          new long[] {
            Math.round(r.<Double>getAs("numerator")), Math.round(r.<Double>getAs("denominator"))
          });
    }
    assertThat(scored.keySet()).isEqualTo(summed.keySet());
    summed.forEach((k, nd) -> assertThat(scored.get(k)).as(k).containsExactly(nd));
    assertThat(step(dayRun, "gold.score:qd766:quarter").status())
        .isEqualTo(StepRecord.Status.SUCCESS);
    assertThat(step(dayRun, "gold.score:qd766:year").counts().message())
        .contains("period(s) rewritten: 2024");
  }

  @Test
  void rankingMatchesTheIndependentlyComputedTable() {
    List<String> actual = new ArrayList<>();
    for (Row r :
        tdgqRanking()
            .join(
                store
                    .read(Tables.GOLD_INDICATOR_VALUE)
                    .where(
                        col("methodology_id")
                            .equalTo("qd766")
                            .and(col("indicator_code").equalTo("TDGQ.1")))
                    .select("boundaries", "period", "unit_code", "numerator", "denominator"),
                scalaSeq("boundaries", "period", "unit_code"))
            .collectAsList()) {
      actual.add(
          String.join(
              " ",
              r.<String>getAs("period"),
              r.getAs("unit_code"),
              String.valueOf(Math.round(r.<Double>getAs("denominator"))),
              String.valueOf(Math.round(r.<Double>getAs("numerator"))),
              r.<java.math.BigDecimal>getAs("score")
                  .setScale(2, java.math.RoundingMode.UNNECESSARY)
                  .toString(),
              String.valueOf(r.<Integer>getAs("rank"))));
    }
    assertThat(actual)
        .hasSize(expected.size())
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(e -> String.join(" ", e)).toList());
    // Previous-period links: Bình Phước in January 2024 points back at its December 2023 rank.
    Row bp =
        tdgqRanking()
            .where(col("unit_code").equalTo("70").and(col("period").equalTo("2024-01")))
            .head();
    assertThat(bp.<String>getAs("unit_name")).isEqualTo("Tỉnh Bình Phước");
    assertThat(bp.<String>getAs("previous_period")).isEqualTo("2023-12");
    String[] december =
        expected.stream()
            .filter(e -> e[0].equals("2023-12") && e[1].equals("70"))
            .findFirst()
            .orElseThrow();
    assertThat(String.valueOf(bp.<Integer>getAs("previous_rank"))).isEqualTo(december[5]);
    assertThat(bp.<String>getAs("input_versions"))
        .contains("gold.fct_dossier_daily=")
        .contains("gold.dim_unit=")
        .contains("methodology:qd766=");
  }

  @Test
  void loadingTheLastDayTouchesOnlyWhatItChanged() {
    List<String> lines = portal.get("dossiers-" + lastDay + ".jsonl.gz");
    StepRecord bronze = step(dayRun, "bronze.portal_dossier");
    assertThat(bronze.counts().message()).isEqualTo("1 new file(s)");
    assertThat(bronze.counts().read()).isEqualTo(lines.stream().filter(l -> !l.isBlank()).count());
    // Months a record of that day can touch, read from the file itself (both date forms), plus
    // the month of the old and new as-of dates.
    Set<String> possible = new TreeSet<>();
    Matcher m =
        Pattern.compile("\"NgayTiepNhan\":\"(?:(\\d{4}-\\d{2})|\\d{2}/(\\d{2})/(\\d{4}))")
            .matcher(String.join("\n", lines));
    while (m.find()) {
      possible.add(m.group(1) != null ? m.group(1) : m.group(3) + "-" + m.group(2));
    }
    possible.add(lastDay.toString().substring(0, 7));
    possible.add(lastDay.minusDays(1).toString().substring(0, 7));
    String message = step(dayRun, "gold.fct_dossier_daily").counts().message();
    assertThat(message).startsWith("months ");
    List<String> touched = List.of(message.substring("months ".length()).split(", "));
    assertThat(possible).containsAll(touched);
    assertThat(touched.size()).isLessThan(factsBeforeDay.size() / 4);
    for (String month : factsBeforeDay.keySet()) {
      if (!touched.contains(month)) {
        assertThat(factsAfterDay.get(month)).as(month).isEqualTo(factsBeforeDay.get(month));
      }
    }
    // What the day did not deliver keeps its version.
    for (TableSpec t :
        List.of(
            Tables.SILVER_UNIT,
            Tables.GOLD_DIM_UNIT,
            Tables.SILVER_PROCEDURE,
            Tables.GOLD_DIM_PROCEDURE,
            Tables.GOLD_DIM_DATE,
            Tables.BRONZE_ASSESSMENT,
            Tables.SILVER_ASSESSMENT_VALUE)) {
      assertThat(versionsAfterFirst.get(t.name()))
          .as(t.name())
          .isEqualTo(versionsBeforeDay.get(t.name()));
    }
    assertThat(versionsAfterFirst.get(Tables.SILVER_DOSSIER.name()))
        .isGreaterThan(versionsBeforeDay.get(Tables.SILVER_DOSSIER.name()));
  }

  @Test
  void aSecondRunChangesNoTable() {
    assertThat(serviceExit).as("the service's exit code after its one night").isZero();
    assertThat(secondRunRows).isEqualTo(rowsAfterFirst);
    assertThat(secondRunVersions).isEqualTo(versionsAfterFirst);
    assertThat(secondRun).allSatisfy(r -> assertThat(r.counts().written()).as(r.step()).isZero());
    assertThat(secondRun).extracting(StepRecord::status).doesNotContain(StepRecord.Status.FAILED);
    assertThat(step(secondRun, "bronze.portal_dossier").counts().message())
        .isEqualTo("no new files; " + portal.size() + " already ingested");
  }

  @Test
  void everyPortalDefectOfTheManifestHasItsExpectedOutcome() throws IOException {
    Map<String, String> quarantined = new HashMap<>(); // file|raw line -> reason
    for (Row r : store.read(Tables.QUARANTINE_DOSSIER).collectAsList()) {
      quarantined.put(
          r.getAs("_source_file") + "|" + r.getAs("raw_record"), r.getAs("reason_code"));
    }
    Set<String> inSilver = new HashSet<>();
    store
        .read(Tables.SILVER_DOSSIER)
        .select("dossier_id")
        .collectAsList()
        .forEach(r -> inSilver.add(r.getString(0)));
    long expectedQuarantine = 0;
    Map<String, Integer> outcomes = new TreeMap<>();
    for (String[] m : portalManifest()) {
      String file = m[2].substring("portal/".length());
      List<String> lines = portal.get(file);
      int line = Integer.parseInt(m[3]);
      String raw = lines.get(line - 1);
      String defect = m[5];
      String outcome = m[7];
      outcomes.merge(outcome.substring(0, outcome.indexOf(':')), 1, Integer::sum);
      String what = String.join(",", m);
      if (outcome.startsWith("quarantine:")) {
        String reason = outcome.substring("quarantine:".length());
        assertThat(quarantined.get(file + "|" + raw)).as(what).isEqualTo(reason);
        expectedQuarantine++;
        if (defect.equals("CONFLICTING_DUPLICATE")) {
          // Neither version is trusted: the earlier line of the pair is held back too.
          assertThat(quarantined.get(file + "|" + lines.get(line - 2))).as(what).isEqualTo(reason);
          expectedQuarantine++;
        }
      } else if (outcome.startsWith("repair:") || outcome.startsWith("ignore:")) {
        assertThat(quarantined).as(what).doesNotContainKey(file + "|" + raw);
        assertThat(inSilver).as(what).contains(m[4]);
      } else if (outcome.startsWith("duplicate:")) {
        assertThat(lines.subList(0, line - 1)).as(what).contains(raw);
      }
      if (defect.equals("OUT_OF_ORDER")) {
        // The stale version arrived after a newer one and did not overwrite it.
        String newer = lines.get(line - 2);
        String stamp = newer.replaceAll(".*\"NgayCapNhat\":\"([^\"]+)\".*", "$1");
        Row r = store.read(Tables.SILVER_DOSSIER).where(col("dossier_id").equalTo(m[4])).head();
        assertThat(r.<LocalDateTime>getAs("source_updated_at"))
            .as(what)
            .isAfterOrEqualTo(LocalDateTime.parse(stamp));
      }
    }
    assertThat(outcomes).containsOnlyKeys("quarantine", "repair", "duplicate", "ignore");
    assertThat(store.read(Tables.QUARANTINE_DOSSIER).count()).isEqualTo(expectedQuarantine);
  }

  @Test
  void everyRecordReadIsAccountedForPerBatch() throws IOException {
    long lines = portal.values().stream().mapToLong(List::size).sum();
    long repeated = 0; // lines equal to an earlier line of the same file, worked out here
    for (List<String> f : portal.values()) {
      repeated += f.size() - new HashSet<>(f).size();
    }
    List<Row> batches =
        store.read(Tables.OPS_BATCH).where(col("source").equalTo("portal")).collectAsList();
    assertThat(batches)
        .hasSize(portal.size())
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
        .isEqualTo(lines);
    String silver = "silver.dossier";
    assertThat(loaded(silver, r -> r.counts().read())).isEqualTo(lines);
    assertThat(loaded(silver, r -> r.counts().duplicate())).isEqualTo(repeated);
    assertThat(loaded(silver, r -> r.counts().quarantined()))
        .isEqualTo(store.read(Tables.QUARANTINE_DOSSIER).count());
    assertThat(
            loaded(silver, r -> r.counts().accepted())
                + loaded(silver, r -> r.counts().quarantined())
                + repeated)
        .isEqualTo(lines);
  }

  @Test
  void theDocumentManagementExportIsServedByPostgresqlAndLandsInSilver() throws IOException {
    long rows = 0;
    for (String t : List.of("van_ban_di", "van_ban_den")) {
      rows += Files.readAllLines(source.resolve("dms/csv/" + t + ".csv")).size() - 1;
    }
    long futureDated = 0;
    for (String l : Files.readAllLines(source.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
      futureDated += l.contains(",dms,") && l.contains(",FUTURE_DATE,") ? 1 : 0;
    }
    assertThat(futureDated).isPositive();
    assertThat(store.read(Tables.BRONZE_DMS_DOCUMENT).count()).isEqualTo(rows);
    assertThat(store.read(Tables.QUARANTINE_DOCUMENT).count()).isEqualTo(futureDated);
    assertThat(
            store.read(Tables.QUARANTINE_DOCUMENT).select("reason_code").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("FUTURE_DATE");
    assertThat(store.read(Tables.SILVER_DOCUMENT).count()).isEqualTo(rows - futureDated);
    // The second run re-served the same export: nothing new past the watermarks.
    assertThat(step(secondRun, "bronze.dms_document").counts().message())
        .isEqualTo("van_ban_di up to date, van_ban_den up to date");
  }

  @Test
  void paymentRowsAreAccountedForAndTheirDefectsQuarantinedAsTheManifestSays() throws IOException {
    long quarantine = 0;
    long duplicate = 0;
    for (String l : Files.readAllLines(source.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
      if (l.contains(",payments,")) {
        quarantine += l.contains(",quarantine:") ? 1 : 0;
        duplicate += l.contains(",duplicate:") ? 1 : 0;
      }
    }
    String silver = "silver.payment";
    assertThat(loaded(silver, r -> r.counts().quarantined())).isEqualTo(quarantine);
    assertThat(loaded(silver, r -> r.counts().duplicate())).isEqualTo(duplicate);
    assertThat(loaded(silver, r -> r.counts().read()))
        .isEqualTo(store.read(Tables.BRONZE_PAYMENT).count())
        .isEqualTo(
            loaded(silver, r -> r.counts().accepted())
                + loaded(silver, r -> r.counts().quarantined())
                + loaded(silver, r -> r.counts().duplicate()));
  }

  @Test
  void selfAssessmentFormsWithAnotherLayoutAreHeldBackNamingTheCell() throws Exception {
    Set<String> wrong = new HashSet<>();
    for (String l : Files.readAllLines(source.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
      if (l.contains(",WRONG_LAYOUT,")) {
        wrong.add(l.split(",")[2]);
      }
    }
    assertThat(wrong).hasSize(2);
    List<Row> held = store.read(Tables.QUARANTINE_ASSESSMENT).collectAsList();
    assertThat(held)
        .extracting(r -> "assessment/" + r.<String>getAs("_source_file"))
        .containsExactlyInAnyOrderElementsOf(wrong);
    assertThat(held)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs("reason_code")).isEqualTo("WRONG_LAYOUT");
              assertThat(r.<String>getAs("reason_detail")).contains("cell D5 holds 'Kết quả'");
            });
    // Every row of every other form is a value in silver, read here with POI's usermodel.
    long expected = 0;
    try (Stream<Path> files = Files.walk(source.resolve("assessment"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".xlsx")).toList()) {
        if (wrong.contains(source.relativize(f).toString())) { // manifest paths are relative
          continue;
        }
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(f.toFile())) {
          expected += wb.getSheetAt(0).getLastRowNum() - 4;
        }
      }
    }
    assertThat(store.read(Tables.SILVER_ASSESSMENT_VALUE).count()).isEqualTo(expected).isPositive();
  }

  @Test
  void theDocumentAndPaymentFactsAddUpToSilver() {
    Row docs =
        store
            .read(Tables.GOLD_FCT_DOCUMENT_DAILY)
            .agg(
                org.apache.spark.sql.functions.sum("document_count"),
                org.apache.spark.sql.functions.sum("signed_count"))
            .head();
    assertThat(docs.getLong(0)).isEqualTo(store.read(Tables.SILVER_DOCUMENT).count());
    assertThat(docs.getLong(1))
        .isEqualTo(store.read(Tables.SILVER_DOCUMENT).where(col("is_signed")).count());
    Row pay =
        store
            .read(Tables.GOLD_FCT_PAYMENT_DAILY)
            .agg(
                org.apache.spark.sql.functions.sum("transaction_count"),
                org.apache.spark.sql.functions.sum("success_count"),
                org.apache.spark.sql.functions.sum("amount_vnd"))
            .head();
    Dataset<Row> silver = store.read(Tables.SILVER_PAYMENT);
    assertThat(pay.getLong(0)).isEqualTo(silver.count());
    assertThat(pay.getLong(1)).isEqualTo(silver.where(col("status_code").equalTo(1)).count());
    assertThat(pay.getLong(2))
        .isEqualTo(
            silver
                .where(col("status_code").equalTo(1))
                .agg(org.apache.spark.sql.functions.sum("amount_vnd"))
                .head()
                .getLong(0));
  }

  @Test
  void everyFeedbackItemIsInSilverWithItsLatestStateAndCountedInGold() throws IOException {
    java.util.Map<String, String> latest = new java.util.HashMap<>(); // MaPAKN -> NgayCapNhat
    Pattern id = Pattern.compile("\"MaPAKN\":\"([^\"]+)\"");
    Pattern updated = Pattern.compile("\"NgayCapNhat\":\"([^\"]+)\"");
    long answered = 0;
    try (Stream<Path> files = Files.list(source.resolve("portal"))) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().startsWith("feedback-")).toList()) {
        for (String l : gunzipLines(f)) {
          Matcher m = id.matcher(l);
          Matcher u = updated.matcher(l);
          if (m.find() && u.find()) {
            latest.merge(m.group(1), u.group(1), (a, b) -> a.compareTo(b) >= 0 ? a : b);
          }
          answered += l.contains("\"TrangThai\":3") ? 1 : 0;
        }
      }
    }
    assertThat(latest).hasSizeGreaterThan(50);
    assertThat(store.read(Tables.SILVER_FEEDBACK).count()).isEqualTo(latest.size());
    assertThat(store.read(Tables.QUARANTINE_FEEDBACK).count()).isZero();
    Row g =
        store
            .read(Tables.GOLD_FCT_FEEDBACK_DAILY)
            .agg(
                org.apache.spark.sql.functions.sum("received_count"),
                org.apache.spark.sql.functions.sum("resolved_count"))
            .head();
    assertThat(g.getLong(0)).isEqualTo(latest.size());
    // Each answered item is delivered once in its answered state.
    assertThat(g.getLong(1)).isEqualTo(answered);
  }

  @Test
  void silverHoldsOneRowPerDossier() {
    assertThat(store.read(Tables.SILVER_DOSSIER).select("dossier_id").distinct().count())
        .isEqualTo(store.read(Tables.SILVER_DOSSIER).count())
        .isGreaterThan(14_000);
  }

  @Test
  void noPersonalValueFromTheSampleReachesSilverGoldOrDuckDb() throws Exception {
    Set<String> personal = new HashSet<>();
    Pattern p = Pattern.compile("\"(ChuHoSo|SoGiayToChuHoSo|SoDienThoai|Email)\":\"([^\"]+)\"");
    for (List<String> lines : portal.values()) {
      for (String line : lines) {
        Matcher m = p.matcher(line);
        while (m.find()) {
          personal.add(m.group(2));
        }
      }
    }
    assertThat(personal).hasSizeGreaterThan(10_000);
    for (TableSpec t : Tables.ALL) {
      if (t.layer() == Layer.BRONZE || t.layer() == Layer.QUARANTINE) {
        continue;
      }
      List<String> text = new ArrayList<>();
      for (StructField f : t.schema().fields()) {
        if (f.dataType().equals(DataTypes.StringType)) {
          text.add("nvl(" + f.name() + ", '')");
        }
      }
      if (text.isEmpty()) {
        continue;
      }
      // Every text value of the table in one job; a set lookup per value (AssertJ's
      // doesNotContain would scan the whole set each time).
      List<String> leaked =
          store
              .read(t)
              .selectExpr("explode(array(" + String.join(", ", text) + ")) as v")
              .distinct()
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .filter(personal::contains)
              .toList();
      assertThat(leaked).as("%s", t).isEmpty();
    }
    // Every text value of every table the DuckDB file holds (silver, the quarantine's counts and
    // the dictionary included), as DuckDB reads it: whole values, and the 10- to 12-digit numbers
    // standing inside a value. Longer digit runs are codes (a payment's transaction id holds 13),
    // kept to read the file's bytes below.
    java.util.Properties ro = new java.util.Properties();
    ro.setProperty("duckdb.read_only", "true");
    int scanned = 0;
    Pattern number = Pattern.compile("(?<![0-9])[0-9]{10,12}(?![0-9])");
    Pattern longRun = Pattern.compile("[0-9]{13,}");
    Set<String> codeRuns = new HashSet<>();
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + config.duckDbFile(), ro)) {
      List<String[]> columns = new ArrayList<>();
      try (var rs =
          c.createStatement()
              .executeQuery(
                  "select table_schema, table_name, column_name from information_schema.columns"
                      + " where data_type = 'VARCHAR' order by all")) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
      for (String[] col : columns) {
        List<String> leaked = new ArrayList<>();
        try (var rs =
            c.createStatement()
                .executeQuery(
                    "select distinct \""
                        + col[2]
                        + "\" from \""
                        + col[0]
                        + "\".\""
                        + col[1]
                        + "\"")) {
          while (rs.next()) {
            String v = rs.getString(1);
            if (v == null) {
              continue;
            }
            if (personal.contains(v)) {
              leaked.add(v);
            }
            Matcher n = number.matcher(v);
            while (n.find()) {
              if (personal.contains(n.group())) {
                leaked.add(v);
              }
            }
            Matcher l = longRun.matcher(v);
            while (l.find()) {
              codeRuns.add(l.group());
            }
          }
        }
        assertThat(leaked).as("%s.%s.%s in DuckDB", col[0], col[1], col[2]).isEmpty();
        scanned++;
      }
    }
    // The file's bytes (what no column shows: comments, metadata, pages not read): every run of 10
    // or more digits, and each of its 10- to 12-digit pieces, looked up in the set of ID and phone
    // numbers, leaving out the pieces of the codes read above (one pass over the file).
    Set<String> codePieces = new HashSet<>();
    for (String run : codeRuns) {
      codePieces.addAll(pieces(run));
    }
    String duck = new String(Files.readAllBytes(config.duckDbFile()), StandardCharsets.ISO_8859_1);
    Set<String> pieces = new HashSet<>();
    Matcher digits = Pattern.compile("[0-9]{10,}").matcher(duck);
    while (digits.find()) {
      pieces.addAll(pieces(digits.group()));
    }
    pieces.removeAll(codePieces);
    assertThat(
            personal.stream()
                .filter(v -> v.matches("[0-9]{10,12}"))
                .filter(pieces::contains)
                .toList())
        .isEmpty();
    assertThat(scanned).as("text columns scanned in DuckDB").isGreaterThan(100);
  }

  /** Every 10- to 12-digit piece of a run of digits. */
  private static Set<String> pieces(String run) {
    Set<String> out = new HashSet<>();
    for (int len = 10; len <= 12; len++) {
      for (int i = 0; i + len <= run.length(); i++) {
        out.add(run.substring(i, i + len));
      }
    }
    return out;
  }

  /**
   * The analysts' file holds silver as the warehouse does (the day's merge reloaded by the keys it
   * changed) and the quarantine as counts that add up to the quarantine tables, with the unit and
   * day each record gives and nothing of the record itself.
   */
  @Test
  void theAnalystsFileHoldsSilverAndTheQuarantineCounts() throws Exception {
    java.util.Properties ro = new java.util.Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + config.duckDbFile(), ro)) {
      // Every silver table, by the configuration's default; silver.dossier row for row.
      Map<String, String> refresh = new TreeMap<>();
      try (var rs =
          c.createStatement()
              .executeQuery("select table_name, refresh from ops.publication order by 1")) {
        while (rs.next()) {
          refresh.put(rs.getString(1), rs.getString(2));
        }
      }
      for (TableSpec t : Tables.inLayer(Layer.SILVER)) {
        assertThat(refresh).containsKey(t.name());
      }
      // The last day's merge: the dossiers its change feed names reloaded, the others kept.
      assertThat(refresh).containsEntry("silver.dossier", "keys");
      Set<String> duck = new HashSet<>();
      try (var rs =
          c.createStatement()
              .executeQuery(
                  "select dossier_id || '|' || _batch_id || '|' || status_code from silver.dossier")) {
        while (rs.next()) {
          duck.add(rs.getString(1));
        }
      }
      Set<String> delta =
          store
              .read(Tables.SILVER_DOSSIER)
              .selectExpr("concat_ws('|', dossier_id, _batch_id, cast(status_code as string))")
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .collect(java.util.stream.Collectors.toSet());
      assertThat(duck).hasSize(delta.size()).isEqualTo(delta);

      // The counts add up, per quarantine table and reason, to the quarantine tables' rows.
      Map<String, Long> quarantined = new TreeMap<>();
      for (TableSpec t : Tables.inLayer(Layer.QUARANTINE)) {
        for (Row r : store.read(t).groupBy("reason_code").count().collectAsList()) {
          quarantined.put(t.name() + " " + r.getString(0), r.getLong(1));
        }
      }
      Map<String, Long> counted = new TreeMap<>();
      try (var rs =
          c.createStatement()
              .executeQuery(
                  "select table_name || ' ' || reason_code, sum(records)::bigint"
                      + " from ops.quarantine_count group by all")) {
        while (rs.next()) {
          counted.put(rs.getString(1), rs.getLong(2));
        }
      }
      assertThat(counted).isNotEmpty().isEqualTo(quarantined);
      // The manifest's malformed portal dossier lines are the dossiers counted without a unit.
      long malformed =
          portalManifest().stream()
              .filter(r -> r[2].contains("dossiers-") && r[5].equals("MALFORMED_LINE"))
              .count();
      try (var rs =
          c.createStatement()
              .executeQuery(
                  "select sum(records)::bigint from ops.quarantine_count"
                      + " where table_name = 'quarantine.dossier' and unit_code is null")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(malformed).isPositive();
      }
      // Every dossier count has a day, and those of known units a province.
      try (var rs =
          c.createStatement()
              .executeQuery(
                  "select count(*) filter (where day is null),"
                      + " count(*) filter (where unit_code is not null and province_code is null"
                      + " and reason_code <> 'UNKNOWN_UNIT')"
                      + " from ops.quarantine_count where table_name = 'quarantine.dossier'")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
        assertThat(rs.getLong(2)).isZero();
      }
    }
  }

  @Test
  void aSeparateDuckDbProcessReadsTheRankingSparkHolds() throws Exception {
    List<String> spark = new ArrayList<>();
    for (Row r : tdgqRanking().orderBy("period", "rank", "unit_code").collectAsList()) {
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
                "select period, rank, unit_code, unit_name, score from gold.ranking"
                    + " where methodology_id = 'qd766' and node_code = 'TDGQ'"
                    + " and boundaries = 'as_reported' and scope_code = 'VN'"
                    + " and regexp_full_match(period, '[0-9]{4}-[0-9]{2}')"
                    + " order by period, rank, unit_code")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(proc.exitValue()).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).isEqualTo("period\trank\tunit_code\tunit_name\tscore");
    assertThat(lines.subList(1, lines.size())).isEqualTo(spark).hasSize(expected.size());
  }

  /**
   * The DTI methodology file scored every province and year. Checked against the facts directly:
   * one measured leaf's figure re-aggregated here, the total equal to its main indices' points, the
   * pillars overlapping as Decision 922 says, and each unit's change split exactly.
   */
  @Test
  void theDtiMethodologyOfEachYearScoresItsYear() {
    Dataset<Row> all =
        store.read(Tables.GOLD_SCORE).where(col("methodology_id").startsWith("dti-"));
    Map<String, List<String>> periods = new TreeMap<>();
    for (Row r :
        all.select("methodology_id", "period").distinct().orderBy("period").collectAsList()) {
      periods.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1));
    }
    // Each file applies to its year: 922 (2022's file) scores nothing of the sample's 2023-2024.
    assertThat(periods)
        .containsExactly(
            Map.entry("dti-2023-province", List.of("2023")),
            Map.entry("dti-2024-province", List.of("2024")));
    Dataset<Row> score = all.where(col("boundaries").equalTo("as_reported"));
    Dataset<Row> dti = score.where(col("node_code").equalTo("DTI"));
    assertThat(dti.where(col("period").equalTo("2024")).count()).isEqualTo(63);
    assertThat(dti.where(col("period").equalTo("2023")).count()).isEqualTo(63);
    assertThat(dti.where(col("rank").isNull()).count()).isZero();
    assertThat(dti.where(col("rank").equalTo(1)).count()).isGreaterThanOrEqualTo(2); // one per year
    // HDCQS.1 = online / received dossiers of Bình Phước in 2024, summed from the facts here.
    Row facts =
        store
            .read(Tables.GOLD_FCT_DOSSIER_DAILY)
            .where(col("province_code").equalTo("70").and(col("month").startsWith("2024")))
            .agg(
                org.apache.spark.sql.functions.sum("online_count"),
                org.apache.spark.sql.functions.sum("received_count"))
            .head();
    Row leaf =
        score
            .where(
                col("unit_code")
                    .equalTo("70")
                    .and(col("period").equalTo("2024"))
                    .and(col("node_code").equalTo("HDCQS.1")))
            .head();
    assertThat(leaf.<Double>getAs("numerator")).isEqualTo((double) facts.getLong(0));
    assertThat(leaf.<Double>getAs("denominator")).isEqualTo((double) facts.getLong(1));
    assertThat(leaf.<Double>getAs("value"))
        .isCloseTo(
            Math.min(1, facts.getLong(0) / (double) facts.getLong(1) / 0.5),
            org.assertj.core.api.Assertions.within(1e-9));
    // DTI points = Σ main-index points (eight in 2024, Decision 405; nine in 2023, Decision 922,
    // smart city at 0 points); CQS = five foundations + HDCQS.
    List<String> eight = List.of("NTS", "TCS", "HTS", "NLS", "ATTT", "HDCQS", "HDKTS", "HDXHS");
    for (String year : List.of("2023", "2024")) {
      Map<String, java.math.BigDecimal> p = points(score, "70", year);
      java.math.BigDecimal main = java.math.BigDecimal.ZERO;
      for (String c : eight) {
        main = main.add(p.get(c));
      }
      assertThat(p.containsKey("DTTM")).as(year).isEqualTo(year.equals("2023"));
      assertThat(p.get("DTI").subtract(main).abs())
          .as(year)
          .isLessThanOrEqualTo(new java.math.BigDecimal("0.0010"));
      java.math.BigDecimal cqs = java.math.BigDecimal.ZERO;
      for (String c : List.of("NTS", "TCS", "HTS", "NLS", "ATTT", "HDCQS")) {
        cqs = cqs.add(p.get(c));
      }
      assertThat(p.get("CQS").subtract(cqs).abs())
          .isLessThanOrEqualTo(new java.math.BigDecimal("0.0010"));
    }
    // Restated on the 34 provinces: 34 per year, Đồng Nai (75) now holding Bình Phước (70). In
    // 2024 (Decision 405) each main index of the merged province is the mean of its parts' as
    // reported; in 2023 (Decision 922) its measured leaves are its parts' summed counts.
    Dataset<Row> restated = all.where(col("boundaries").equalTo("restated_2025"));
    Dataset<Row> restatedDti = restated.where(col("node_code").equalTo("DTI"));
    assertThat(restatedDti.where(col("period").equalTo("2024")).count()).isEqualTo(34);
    assertThat(restatedDti.where(col("period").equalTo("2023")).count()).isEqualTo(34);
    assertThat(restatedDti.where(col("unit_code").equalTo("70")).count()).isZero();
    Map<String, java.math.BigDecimal> bp = points(score, "70", "2024");
    Map<String, java.math.BigDecimal> dn = points(score, "75", "2024");
    Map<String, java.math.BigDecimal> merged = points(restated, "75", "2024");
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (String c : eight) {
      java.math.BigDecimal mean =
          bp.get(c)
              .add(dn.get(c))
              .divide(java.math.BigDecimal.valueOf(2), java.math.MathContext.DECIMAL64);
      assertThat(merged.get(c).subtract(mean).abs())
          .as(c)
          .isLessThanOrEqualTo(new java.math.BigDecimal("0.0001"));
      total = total.add(mean);
    }
    assertThat(merged.get("DTI").subtract(total).abs())
        .isLessThanOrEqualTo(new java.math.BigDecimal("0.0010"));
    // Rank intervals for every province and year; changes that add up per unit.
    Dataset<Row> intervals =
        store.read(Tables.GOLD_RANK_UNCERTAINTY).where(col("methodology_id").startsWith("dti-"));
    assertThat(intervals.where(col("boundaries").equalTo("as_reported")).count()).isEqualTo(126);
    assertThat(
            intervals
                .where(col("p05_rank").gt(col("rank")).or(col("p95_rank").lt(col("rank"))))
                .count())
        .as("the published rank lies inside its 5-95 % interval for most units")
        .isLessThan(20);
    for (Row r :
        store
            .read(Tables.GOLD_SCORE_CHANGE)
            .groupBy("methodology_id", "boundaries", "period", "unit_code")
            .agg(
                org.apache.spark.sql.functions.sum("contribution").as("s"),
                org.apache.spark.sql.functions.first("total_change").as("t"))
            .collectAsList()) {
      assertThat(r.<java.math.BigDecimal>getAs("s"))
          .isEqualByComparingTo(r.<java.math.BigDecimal>getAs("t"));
    }
  }

  /** Each node's points of a unit in a period. */
  private static Map<String, java.math.BigDecimal> points(
      Dataset<Row> score, String unit, String period) {
    Map<String, java.math.BigDecimal> p = new HashMap<>();
    for (Row r :
        score
            .where(col("unit_code").equalTo(unit).and(col("period").equalTo(period)))
            .collectAsList()) {
      p.put(r.getAs("node_code"), r.getAs("points"));
    }
    return p;
  }

  /**
   * The three shipped methodologies are scored and published. Checked against the facts directly:
   * restated on the 2025 provinces, Đồng Nai's on-time counts for May 2024 are Bình Phước's (70)
   * and Đồng Nai's (75) summed; a department's online share is its own counts; the 766 total is its
   * six groups' points.
   */
  @Test
  void allThreeMethodologiesAreScoredIntoGoldAndDuckDb() throws Exception {
    Map<String, Long> spark = new TreeMap<>();
    for (Row r : store.read(Tables.GOLD_SCORE).groupBy("methodology_id").count().collectAsList()) {
      spark.put(r.getString(0), r.getLong(1));
    }
    assertThat(spark)
        .containsOnlyKeys(
            "qd766", "dti-2023-province", "dti-2024-province", "province-units-monthly");
    Map<String, Long> duck = new TreeMap<>();
    java.util.Properties ro = new java.util.Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + config.duckDbFile(), ro);
        var rs =
            c.createStatement()
                .executeQuery(
                    "select methodology_id, count(*) from gold.score group by methodology_id")) {
      while (rs.next()) {
        duck.put(rs.getString(1), rs.getLong(2));
      }
    }
    assertThat(duck).isEqualTo(spark);

    Row facts =
        store
            .read(Tables.GOLD_FCT_DOSSIER_DAILY)
            .where(col("province_code").isin("70", "75").and(col("month").equalTo("2024-05")))
            .agg(
                org.apache.spark.sql.functions.sum("on_time_count"),
                org.apache.spark.sql.functions.sum("received_count"))
            .head();
    Row dongNai =
        store
            .read(Tables.GOLD_INDICATOR_VALUE)
            .where(
                col("methodology_id")
                    .equalTo("qd766")
                    .and(col("boundaries").equalTo("restated_2025"))
                    .and(col("period").equalTo("2024-05"))
                    .and(col("unit_code").equalTo("75"))
                    .and(col("indicator_code").equalTo("TDGQ.1")))
            .head();
    assertThat(dongNai.<Double>getAs("numerator")).isEqualTo((double) facts.getLong(0));
    assertThat(dongNai.<Double>getAs("denominator")).isEqualTo((double) facts.getLong(1));

    Dataset<Row> qd766 =
        store
            .read(Tables.GOLD_SCORE)
            .where(
                col("methodology_id")
                    .equalTo("qd766")
                    .and(col("boundaries").equalTo("as_reported"))
                    .and(col("scope_code").equalTo("VN"))
                    .and(col("period").equalTo("2024-05"))
                    .and(col("unit_code").equalTo("70")));
    Map<String, java.math.BigDecimal> p = new HashMap<>();
    qd766.collectAsList().forEach(r -> p.put(r.getAs("node_code"), r.getAs("points")));
    java.math.BigDecimal groups = java.math.BigDecimal.ZERO;
    for (String g : List.of("TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL")) {
      groups = groups.add(p.get(g));
    }
    // CKMB has no figure in the warehouse (not applicable): the total is rescaled over 82 points.
    assertThat(p.get("CKMB")).isNull();
    assertThat(
            p.get("TOTAL")
                .subtract(
                    groups
                        .multiply(new java.math.BigDecimal("100"))
                        .divide(new java.math.BigDecimal("82"), java.math.MathContext.DECIMAL64))
                .abs())
        .isLessThanOrEqualTo(new java.math.BigDecimal("0.001"));

    Dataset<Row> units =
        store
            .read(Tables.GOLD_SCORE)
            .where(col("methodology_id").equalTo("province-units-monthly"));
    assertThat(
            units
                .select("unit_level")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .contains("department", "commune")
        .doesNotContain("province");
    Row busiest =
        store
            .read(Tables.GOLD_FCT_DOSSIER_DAILY)
            .where(col("month").equalTo("2024-05"))
            .groupBy("unit_code", "province_code")
            .agg(
                org.apache.spark.sql.functions.sum("online_count").as("online"),
                org.apache.spark.sql.functions.sum("received_count").as("received"))
            .orderBy(col("received").desc(), col("unit_code"))
            .head();
    Row dvc2 =
        units
            .where(
                col("period")
                    .equalTo("2024-05")
                    .and(col("unit_code").equalTo(busiest.getString(0)))
                    .and(col("node_code").equalTo("DVC.2")))
            .head();
    assertThat(dvc2.<String>getAs("scope_code")).isEqualTo(busiest.getString(1));
    assertThat(dvc2.<Double>getAs("value"))
        .isCloseTo(
            busiest.getLong(3) == 0 ? 0 : busiest.getLong(2) / (double) busiest.getLong(3),
            org.assertj.core.api.Assertions.within(1e-9));
    assertThat(dvc2.<String>getAs("target_status"))
        .isEqualTo(dvc2.<Double>getAs("value") >= 0.5 ? "Đạt" : "Không đạt");
    assertThat(
            units
                .where(col("trend").isNotNull())
                .select("trend")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .isNotEmpty()
        .allMatch(t -> t.matches("Bằng|(Tăng|Giảm) [0-9]+(,[0-9]{1,2})?%"));
  }

  /**
   * The last day changes the facts of its month (and of the month before, for dossiers received
   * then and updated on the day): only those periods of the monthly methodologies are rewritten,
   * and the rows of every other period still carry the versions the backfill read.
   */
  @Test
  void scoringTheLastDayRewritesOnlyThePeriodsItChanged() {
    // Each kind of period is its own step, with its own rewritten periods and versions.
    Map<String, List<String>> expectedRewrites =
        Map.of(
            "", List.of("2024-11", "2024-12"),
            ":quarter", List.of("2024-Q4"),
            ":half", List.of("2024-H2"),
            ":year", List.of("2024"));
    for (var kind : expectedRewrites.entrySet()) {
      StepRecord before = step(backfillRun, "gold.score:qd766" + kind.getKey());
      StepRecord day = step(dayRun, "gold.score:qd766" + kind.getKey());
      assertThat(day.counts().message()).as(kind.getKey()).contains("period(s) rewritten: ");
      List<String> rewritten =
          List.of(day.counts().message().replaceAll(".*period\\(s\\) rewritten: ", "").split(", "));
      assertThat(rewritten)
          .as(kind.getKey())
          .contains(kind.getValue().get(kind.getValue().size() - 1))
          .isSubsetOf(kind.getValue());
      Map<String, String> versionsByPeriod = new TreeMap<>();
      for (Row r :
          store
              .read(Tables.GOLD_SCORE)
              .where(col("methodology_id").equalTo("qd766"))
              .select("period", "input_versions")
              .distinct()
              .collectAsList()) {
        if (vn.dti.scoring.methodology.Periods.kind(r.getString(0))
            .equals(kind.getKey().isEmpty() ? "month" : kind.getKey().substring(1))) {
          assertThat(versionsByPeriod.put(r.getString(0), r.getString(1)))
              .as("one version set per period")
              .isNull();
        }
      }
      assertThat(versionsByPeriod).as(kind.getKey()).isNotEmpty();
      versionsByPeriod.forEach(
          (period, versions) ->
              assertThat(versions)
                  .as(period)
                  .isEqualTo(
                      rewritten.contains(period)
                          ? day.inputVersions().text()
                          : before.inputVersions().text()));
    }
  }

  /**
   * Any published number can be reproduced: the last day changed December 2024's 766, and rescoring
   * December as of the backfill (run-1) — from the Delta versions that run read, by time travel —
   * gives rows identical, input versions and hash included, to those run-1 wrote (read at the
   * versions it left), while the current rows differ from them; rescoring from the current rows'
   * own versions reproduces the current rows. Also through {@code dti rescore}.
   */
  @Test
  void aPublishedPeriodIsReproducedFromTheVersionsItWasScoredFrom() {
    JobContext ctx = new JobContext(store, Clock.systemUTC(), "rescore-test");
    vn.dti.scoring.methodology.Methodology qd766 =
        vn.dti.scoring.indicator.ScoringCatalog.methodology("qd766");
    vn.dti.scoring.indicator.Rescore.Result asOfBackfill =
        vn.dti.scoring.indicator.Rescore.run(ctx, qd766, "2024-12", Optional.of("run-1"), false);
    assertThat(asOfBackfill.tables().get(Tables.GOLD_SCORE).stored()).isPositive();
    assertThat(asOfBackfill.tables())
        .allSatisfy((t, c) -> assertThat(c.identical()).as(t.name() + " " + c).isTrue());
    assertThat(asOfBackfill.versions().text())
        .isEqualTo(step(backfillRun, "gold.score:qd766").inputVersions().text());
    // The period did change since: run-1's rows are not today's.
    long backfillVersion =
        step(backfillRun, "gold.score:qd766").outputVersions().versionOf(Tables.GOLD_SCORE);
    Dataset<Row> then =
        store
            .readAt(Tables.GOLD_SCORE, backfillVersion)
            .where(col("methodology_id").equalTo("qd766").and(col("period").equalTo("2024-12")));
    Dataset<Row> now =
        store
            .read(Tables.GOLD_SCORE)
            .where(col("methodology_id").equalTo("qd766").and(col("period").equalTo("2024-12")));
    assertThat(then.exceptAll(now).count()).isPositive();
    vn.dti.scoring.indicator.Rescore.Result current =
        vn.dti.scoring.indicator.Rescore.run(ctx, qd766, "2024-12", Optional.empty(), false);
    assertThat(current.identical()).as(current.tables().toString()).isTrue();
    assertThat(
            DtiMain.execute(
                "--conf",
                "data.dir=" + config.dataDir(),
                "rescore",
                "--methodology",
                "qd766",
                "--period",
                "2024-Q4",
                "--as-of",
                "run-1"))
        .isZero();
  }

  private Map<String, Path> workbooks;

  /** The Done-when workbooks, written once by {@code dti report} for the tests that read them. */
  private synchronized Map<String, Path> workbooks() {
    if (workbooks == null) {
      workbooks =
          CommitteeWorkbookChecks.writeAll(config.dataDir(), SharedSpark.newFolder("reports-"));
    }
    return workbooks;
  }

  private static double number(Row r, int col) {
    return r.getDouble(col);
  }

  /** The national 766 and DTI rankings hold the gold tables' ranks and published figures. */
  @Test
  void theNationalWorkbooksRankAsTheGoldTables() throws Exception {
    store.read(Tables.GOLD_SCORE).createOrReplaceTempView("report_score");
    var spark = SharedSpark.spark();
    int h = vn.dti.scoring.report.CommitteeWorkbook.RANKING_HEADER;
    // 766: rank, total and the on-time group's points and rank of every province.
    Map<String, Row> gold = new HashMap<>();
    for (Row r :
        spark
            .sql(
                "select t.unit_name, t.rank, cast(t.published as double), cast(g.points as double),"
                    + " g.rank from report_score t join report_score g on g.unit_code = t.unit_code"
                    + " and g.methodology_id = t.methodology_id and g.period = t.period and"
                    + " g.boundaries = t.boundaries and g.scope_code = t.scope_code and g.node_code"
                    + " = 'TDGQ' where t.methodology_id = 'qd766' and t.boundaries = 'as_reported'"
                    + " and t.scope_code = 'VN' and t.period = '2024-06' and t.node_code = 'TOTAL'")
            .collectAsList()) {
      gold.put(r.getString(0), r);
    }
    assertThat(gold).hasSizeGreaterThan(50);
    try (var wb =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(workbooks().get("qd766").toFile())) {
      assertThat(CommitteeWorkbookChecks.sheetNames(wb))
          .containsExactly("Bìa", "Xếp hạng", "Thay đổi", "Hồ sơ đơn vị", "Biểu đồ", "Dữ liệu");
      var sheet = wb.getSheet("Xếp hạng");
      assertThat(sheet.getRow(h).getCell(7).getStringCellValue())
          .isEqualTo("Tiến độ giải quyết (20)");
      int units = 0;
      for (int i = h + 2; sheet.getRow(i) != null && sheet.getRow(i).getCell(1) != null; i++) {
        var row = sheet.getRow(i);
        Row g = gold.get(row.getCell(1).getStringCellValue());
        assertThat(g).as(row.getCell(1).getStringCellValue()).isNotNull();
        assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(g.getInt(1));
        assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(number(g, 2));
        if (g.isNullAt(3)) { // the group does not apply (no dossier received): blank cells
          assertThat(row.getCell(7).getCellType())
              .isEqualTo(org.apache.poi.ss.usermodel.CellType.BLANK);
        } else {
          assertThat(row.getCell(7).getNumericCellValue()).isCloseTo(number(g, 3), within(1e-9));
          assertThat(row.getCell(9).getNumericCellValue()).isEqualTo(g.getInt(4));
        }
        units++;
      }
      assertThat(units).isEqualTo(gold.size());
      var charts = wb.getSheet("Biểu đồ").getDrawingPatriarch().getCharts();
      assertThat(charts).hasSize(3);
      assertThat(charts.get(0).getChartSeries().get(0).getSeries(0).getValuesData().getPointCount())
          .isEqualTo(units);
      assertThat(charts.get(1).getChartSeries().get(0).getSeriesCount()).isEqualTo(6);
    }
    // DTI 2024: the DTI value and the rank on the first pillar (CQS).
    Map<String, Row> dti = new HashMap<>();
    for (Row r :
        spark
            .sql(
                "select t.unit_name, t.rank, cast(t.published as double), c.rank from report_score"
                    + " t join report_score c on c.unit_code = t.unit_code and c.methodology_id ="
                    + " t.methodology_id and c.period = t.period and c.boundaries = t.boundaries"
                    + " and c.scope_code = t.scope_code and c.node_code = 'CQS' where"
                    + " t.methodology_id = 'dti-2024-province' and t.boundaries = 'as_reported'"
                    + " and t.period = '2024' and t.node_code = 'DTI'")
            .collectAsList()) {
      dti.put(r.getString(0), r);
    }
    assertThat(dti).hasSizeGreaterThan(50);
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(workbooks().get("dti").toFile())) {
      var sheet = wb.getSheet("Xếp hạng");
      // Rank, unit, DTI, the eight main indices of Decision 405 (value, rank), then the pillars.
      assertThat(sheet.getRow(h).getCell(19).getStringCellValue()).isEqualTo("Chính quyền số");
      int units = 0;
      for (int i = h + 2; sheet.getRow(i) != null && sheet.getRow(i).getCell(1) != null; i++) {
        var row = sheet.getRow(i);
        Row g = dti.get(row.getCell(1).getStringCellValue());
        assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(g.getInt(1));
        assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(number(g, 2));
        assertThat(row.getCell(20).getNumericCellValue()).isEqualTo(g.getInt(3));
        units++;
      }
      assertThat(units).isEqualTo(dti.size());
    }
  }

  /**
   * Each sample province's workbook: the targets' totals from the summed counts of each level, what
   * a missed target needs, the change contributions adding up to each unit's change, the units
   * below the minimum volume shown but not ranked, and a chart set per level.
   */
  @Test
  void eachSampleProvinceGetsItsTargetsChangesAndCharts() throws Exception {
    store.read(Tables.GOLD_SCORE).createOrReplaceTempView("report_score");
    store.read(Tables.GOLD_SCORE_CHANGE).createOrReplaceTempView("report_change");
    var spark = SharedSpark.spark();
    Map<String, String> levels =
        Map.of(
            "department", "Sở, ban, ngành",
            "district", "Huyện, thị xã, thành phố",
            "commune", "Xã, phường, thị trấn");
    for (String p : CommitteeWorkbookChecks.SAMPLE_PROVINCES) {
      String where =
          " methodology_id = 'province-units-monthly' and boundaries = 'as_reported' and"
              + " scope_code = '"
              + p
              + "' and period = '2024-06'";
      try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(workbooks().get(p).toFile())) {
        var targets = wb.getSheet("Chỉ tiêu");
        for (Row r :
            spark
                .sql(
                    "select unit_level, sum(numerator), sum(denominator) from report_score where"
                        + where
                        + " and node_code = 'DVC.2' and denominator > 0 group by unit_level")
                .collectAsList()) {
          double n = r.getDouble(1);
          double d = r.getDouble(2);
          var head = CommitteeWorkbookChecks.row(targets, 0, 1, levels.get(r.getString(0)));
          var sum = CommitteeWorkbookChecks.row(targets, head.getRowNum(), 1, "TỔNG");
          assertThat(sum.getCell(6).getNumericCellValue())
              .as(p + " " + r.getString(0))
              .isCloseTo(n / d, within(1e-12));
          boolean reached = n / d >= 0.5;
          assertThat(sum.getCell(8).getStringCellValue()).isEqualTo(reached ? "Đạt" : "Không đạt");
          if (!reached) {
            assertThat(sum.getCell(9).getNumericCellValue()).isEqualTo(Math.ceil(0.5 * d - n));
          }
        }
        // Contributions add up to the change shown; the changes shown are gold.score_change's.
        List<Double> expectedChanges = new ArrayList<>();
        for (Row r :
            spark
                .sql(
                    "select unit_code, max(cast(total_change as double)) from report_change where"
                        + where
                        + " group by unit_code")
                .collectAsList()) {
          expectedChanges.add(r.getDouble(1));
        }
        List<Double> shownChanges = new ArrayList<>();
        var changes = wb.getSheet("Thay đổi");
        int checked = 0;
        for (int i = 4; i <= changes.getLastRowNum(); i++) {
          var row = changes.getRow(i);
          if (row == null
              || row.getCell(4) == null
              || row.getCell(4).getCellType() != org.apache.poi.ss.usermodel.CellType.NUMERIC) {
            continue;
          }
          double shown = row.getCell(4).getNumericCellValue();
          shownChanges.add(shown);
          double parts = 0;
          for (int k = i; k <= changes.getLastRowNum(); k++) {
            var next = changes.getRow(k);
            if (k > i
                && (next == null
                    || next.getCell(4) == null
                    || next.getCell(4).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                    || next.getCell(7) == null
                    || next.getCell(7).getCellType()
                        != org.apache.poi.ss.usermodel.CellType.NUMERIC)) {
              break;
            }
            if (next.getCell(7) != null
                && next.getCell(7).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
              parts += next.getCell(7).getNumericCellValue();
            }
          }
          assertThat(parts).as(row.getCell(1).getStringCellValue()).isCloseTo(shown, within(1e-9));
          checked++;
        }
        assertThat(checked).as(p).isPositive();
        assertThat(shownChanges).as(p).containsExactlyInAnyOrderElementsOf(expectedChanges);
        // Units below 3 received dossiers: shown, not ranked.
        long unranked =
            spark
                .sql(
                    "select count(*) from report_score where"
                        + where
                        + " and node_code = 'TOTAL'"
                        + " and rank is null")
                .first()
                .getLong(0);
        long dashes = 0;
        int ranked = 0;
        for (var sheet : wb) {
          if (sheet.getSheetName().startsWith("Xếp hạng")) {
            for (int i = 5; i <= sheet.getLastRowNum(); i++) {
              var c = sheet.getRow(i) == null ? null : sheet.getRow(i).getCell(0);
              if (c != null
                  && c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                  && c.getStringCellValue().equals("—")) {
                dashes++;
              }
            }
            ranked++;
          }
        }
        assertThat(dashes).as(p).isEqualTo(unranked).isPositive();
        long levelsRanked =
            spark
                .sql(
                    "select count(distinct unit_level) from report_score where"
                        + where
                        + " and node_code = 'TOTAL' and rank is not null")
                .first()
                .getLong(0);
        assertThat(wb.getSheet("Biểu đồ").getDrawingPatriarch().getCharts())
            .hasSize((int) levelsRanked * 3);
        assertThat(ranked).isGreaterThanOrEqualTo((int) levelsRanked);
      }
    }
  }

  /** Bad choices exit 2 with one line; a period without data gives a cover that says so. */
  @Test
  void theReportCommandAnswersBadChoicesAndEmptyPeriods() throws Exception {
    Path out = SharedSpark.newFolder("reports-bad-");
    assertThat(
            CommitteeWorkbookChecks.report(
                config.dataDir(), "--scope", "province:99", "--out", out.toString()))
        .isEqualTo(2);
    assertThat(
            CommitteeWorkbookChecks.report(
                config.dataDir(), "--methodology", "dti-2099", "--out", out.toString()))
        .isEqualTo(2);
    assertThat(
            CommitteeWorkbookChecks.report(
                config.dataDir(), "--period", "2024-6", "--out", out.toString()))
        .isEqualTo(2);
    assertThat(
            CommitteeWorkbookChecks.report(
                config.dataDir(),
                "--methodology",
                "qd766",
                "--period",
                "2019-01",
                "--scope",
                "national",
                "--boundaries",
                "as_reported",
                "--out",
                out.toString()))
        .isZero();
    try (var wb =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(
            out.resolve("bao-cao-qd766-2019-01-toan-quoc.xlsx").toFile())) {
      assertThat(CommitteeWorkbookChecks.sheetNames(wb)).containsExactly("Bìa");
    }
  }

  /**
   * A quarter of the 766 reported on demand ({@code dti report --period 2024-Q2}): the national
   * ranking sheet holds the quarter's own scores and ranks, as {@code gold.score} has them for
   * 2024-Q2, one row per province.
   */
  @Test
  void aQuarterOfThe766IsReportedFromItsOwnScores() throws Exception {
    Map<String, Row> gold = new HashMap<>();
    for (Row r :
        store
            .read(Tables.GOLD_SCORE)
            .where(
                col("methodology_id")
                    .equalTo("qd766")
                    .and(col("boundaries").equalTo("as_reported"))
                    .and(col("scope_code").equalTo("VN"))
                    .and(col("period").equalTo("2024-Q2"))
                    .and(col("node_code").equalTo("TOTAL")))
            .selectExpr("unit_name", "rank", "cast(published as double)")
            .collectAsList()) {
      gold.put(r.getString(0), r);
    }
    assertThat(gold).hasSizeGreaterThan(50);
    Path file =
        CommitteeWorkbookChecks.write(
            config.dataDir(),
            SharedSpark.newFolder("reports-quarter-"),
            "qd766",
            "2024-Q2",
            "national",
            "toan-quoc");
    int h = vn.dti.scoring.report.CommitteeWorkbook.RANKING_HEADER;
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile())) {
      var sheet = wb.getSheet("Xếp hạng");
      int units = 0;
      for (int i = h + 2; sheet.getRow(i) != null && sheet.getRow(i).getCell(1) != null; i++) {
        var row = sheet.getRow(i);
        Row g = gold.get(row.getCell(1).getStringCellValue());
        assertThat(g).as(row.getCell(1).getStringCellValue()).isNotNull();
        assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(g.getInt(1));
        assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(number(g, 2));
        units++;
      }
      assertThat(units).isEqualTo(gold.size());
    }
  }

  /**
   * LibreOffice opens every workbook and prints it: the national ranking of the provinces on at
   * most 3 pages, and no ranking or targets table cut across pages in width (each page of one holds
   * its first and last column headers, repeated).
   */
  @Test
  void theWorkbooksPrintAsTheCommitteeReadsThem() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        CommitteeWorkbookChecks.hasLibreOffice(),
        "LibreOffice (soffice) is not on the PATH: .ci/run installs libreoffice-calc-nogui");
    List<Path> files = new ArrayList<>(workbooks().values());
    List<Path> pdfs = CommitteeWorkbookChecks.toPdf(files, SharedSpark.newFolder("pdf-"));
    for (int w = 0; w < files.size(); w++) {
      Path pdf = pdfs.get(w);
      List<String> sheets;
      try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(files.get(w).toFile())) {
        sheets = CommitteeWorkbookChecks.sheetNames(wb);
      }
      // Each page's footer names its sheet after "<methodology> · <period> · ".
      String prefix =
          pdf.getFileName().toString().contains("dti-2024")
              ? " · năm 2024 · "
              : " · tháng 06/2024 · ";
      Map<String, Integer> bySheet = new TreeMap<>();
      List<String> pages = CommitteeWorkbookChecks.pages(pdf);
      for (int i = 0; i < pages.size(); i++) {
        String page = pages.get(i);
        String where = pdf.getFileName() + " page " + (i + 1);
        assertThat(page).as(where).contains("Trang " + (i + 1) + "/" + pages.size());
        String sheet =
            sheets.stream()
                .filter(n -> page.contains(prefix + n))
                .max(java.util.Comparator.comparingInt(String::length))
                .orElseThrow(() -> new AssertionError(where + " has no footer naming its sheet"));
        bySheet.merge(sheet, 1, Integer::sum);
        if (sheet.startsWith("Xếp hạng")) {
          assertThat(page).as(where).contains("Đơn vị").contains("Khoảng");
        }
        if (sheet.equals("Chỉ tiêu")) {
          assertThat(page).as(where).contains("STT").contains("Cần thêm");
        }
      }
      if (pdf.getFileName().toString().contains("toan-quoc")) {
        assertThat(bySheet.get("Xếp hạng")).as(pdf + ": " + bySheet).isBetween(1, 3);
      }
      assertThat(bySheet.keySet()).as(pdf.toString()).containsAll(sheets);
    }
  }

  @Test
  void theCommitteeGetsAWorkbook() {
    assertThat(config.reportsDir().resolve("bao-cao-qd766-2024-12-toan-quoc.xlsx")).isRegularFile();
    assertThat(config.reportsDir().resolve("bao-cao-province-units-monthly-2024-12-tinh-70.xlsx"))
        .isRegularFile();
    assertThat(backfillRun)
        .extracting(StepRecord::step)
        .containsExactly(
            "silver.unit",
            "silver.procedure",
            "bronze.portal_dossier",
            "silver.dossier",
            "bronze.portal_feedback",
            "silver.feedback",
            "bronze.payment",
            "silver.payment",
            "bronze.assessment",
            "silver.assessment_value",
            "bronze.dms_document",
            "silver.document",
            "gold.fct_dossier_daily",
            "gold.fct_payment_daily",
            "gold.fct_feedback_daily",
            "ops.quarantine_count",
            "gold.fct_document_daily",
            "gold.dim_date",
            "gold.score:dti-2022-province",
            "gold.score:dti-2023-province",
            "gold.score:dti-2024-province",
            "gold.score:province-units-monthly",
            "gold.score:qd766",
            "gold.score:qd766:quarter",
            "gold.score:qd766:half",
            "gold.score:qd766:year",
            "publish.duckdb",
            "report.workbooks");
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(String... s) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(s)).toList();
  }
}
