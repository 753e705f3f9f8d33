package vn.dti.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.privacy.Pseudonymizer;
import vn.dti.sample.SampleSource;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/**
 * Tier 3: the nightly run on a real Spark standalone cluster, as README's "On a cluster" runs it. A
 * master and a worker run in JVMs of their own (Spark's {@code Master} and {@code Worker}, from
 * this build's classes), the driver in a third with the cluster's master URL (what {@code
 * spark-submit --master} sets), and the tasks in the executor JVMs the worker starts. One business
 * day of the committed sample is loaded with a key from the environment; the result is read back
 * here and checked against the source file and against pseudonyms computed in this JVM.
 */
class StandaloneClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "cluster-test-key-" + "0123456789abcdef".repeat(2);

  /**
   * The quick compiler only, for the master and the worker (they keep books) and the executors (one
   * day's small tasks): it leaves more of the two cores to the driver's planning.
   */
  private static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopCluster() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void theNightlyRunLoadsADayOnAStandaloneCluster() throws Exception {
    Path dir = SharedSpark.newFolder("cluster-");
    Path source = SampleSource.extractTo(dir.resolve("source"));
    Path portalFile = busiestDayOfTheFirstMonth(source);
    LocalDate day =
        LocalDate.parse(portalFile.getFileName().toString().substring("dossiers-".length(), 19));
    List<String> lines = NightlyEndToEndTest.gunzipLines(portalFile);

    Cluster cluster = startCluster(dir);

    Path data = dir.resolve("data");
    Path driverLog = dir.resolve("driver.log");
    Process driver =
        start(
            driverLog,
            Map.of(PseudonymKey.ENV, KEY),
            "-Xmx1500m",
            "-XX:+UseParallelGC",
            "-Dspark.master=" + cluster.url(),
            DtiMain.class.getName(),
            "--conf",
            "data.dir=" + data,
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.executor.memory=1g",
            "--conf",
            "spark.executor.extraJavaOptions=-XX:+UseParallelGC " + QUICK_COMPILER_ONLY,
            "--conf",
            "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
            "nightly",
            "--source-dir",
            source.toString(),
            "--date",
            day.toString());
    assertThat(driver.waitFor(10, TimeUnit.MINUTES)).as("the driver finished").isTrue();
    assertThat(driver.exitValue()).as("exit code; the driver said:\n%s", tail(driverLog)).isZero();

    // The work ran on the cluster: the master saw the application end (it learns so when the
    // driver disconnects), the worker started executors for it.
    assertThat(completedApplications(cluster.ui())).containsExactly("dti-warehouse");
    try (Stream<Path> executors = Files.walk(cluster.work(), 2)) {
      assertThat(executors.filter(p -> p.getFileName().toString().matches("\\d+")))
          .as("executor folders under %s", cluster.work())
          .isNotEmpty();
    }

    DeltaTableStore store =
        new DeltaTableStore(SharedSpark.spark(), data.resolve("warehouse").toString());
    List<Row> steps = store.read(Tables.OPS_JOB_RUN).collectAsList();
    assertThat(steps).extracting(r -> r.<String>getAs("status")).doesNotContain("FAILED");
    assertThat(steps)
        .extracting(r -> r.<String>getAs("step"))
        .contains(
            "bronze.portal_dossier",
            "silver.dossier",
            "bronze.dms_document",
            "gold.fct_dossier_daily",
            "gold.score:qd766",
            "publish.duckdb");
    assertThat(steps)
        .filteredOn(r -> r.<String>getAs("step").equals("silver.dossier"))
        .extracting(r -> r.<String>getAs("status"))
        .containsExactly(StepRecord.Status.SUCCESS.name());

    // Every line of the day's file is in bronze, and its batch reconciles.
    assertThat(store.read(Tables.BRONZE_PORTAL_DOSSIER).count()).isEqualTo(lines.size());
    Row batch =
        store
            .read(Tables.OPS_BATCH)
            .where(col("source_file").endsWith(portalFile.getFileName().toString()))
            .first();
    long accepted = batch.<Long>getAs("records_accepted");
    assertThat(batch.<Long>getAs("records_read")).isEqualTo(lines.size());
    assertThat(
            accepted
                + batch.<Long>getAs("records_quarantined")
                + batch.<Long>getAs("records_duplicate"))
        .isEqualTo(lines.size());
    assertThat(accepted).isPositive();

    // The document-management rows came over JDBC (read by the executors) and reconcile too.
    long documents = store.read(Tables.BRONZE_DMS_DOCUMENT).count();
    assertThat(documents).isPositive();
    assertThat(
            store.read(Tables.SILVER_DOCUMENT).count()
                + store.read(Tables.QUARANTINE_DOCUMENT).count())
        .isEqualTo(documents);

    // The executors pseudonymised with the key the driver read from its environment: each
    // dossier's applicant pseudonym is the one this JVM computes from the source line.
    Map<String, Set<String>> expected = new HashMap<>();
    PseudonymKey key = PseudonymKey.of(KEY);
    for (String line : lines) {
      JsonNode j;
      try {
        j = JSON.readTree(line);
      } catch (IOException malformed) {
        continue; // quarantined
      }
      if (j != null && j.hasNonNull("MaHoSo") && j.hasNonNull("ChuHoSo")) {
        expected
            .computeIfAbsent(
                j.get("MaHoSo").asText().strip().toUpperCase(Locale.ROOT), k -> new HashSet<>())
            .add(Pseudonymizer.pseudonym(key, Pseudonymizer.Kind.NAME, j.get("ChuHoSo").asText()));
      }
    }
    Map<String, String> stored = new TreeMap<>();
    store
        .read(Tables.SILVER_DOSSIER)
        .select("dossier_id", "applicant_pseudonym")
        .collectAsList()
        .forEach(r -> stored.put(r.getString(0), r.getString(1)));
    assertThat(stored).hasSize((int) accepted);
    stored.forEach(
        (id, pseudonym) ->
            assertThat(expected.getOrDefault(id, Set.of()))
                .as("pseudonyms of %s's versions in the file", id)
                .contains(pseudonym));
  }

  /** The names of the applications the master lists as completed, once it lists one. */
  private static List<String> completedApplications(int masterUi) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> apps = new ArrayList<>();
    while (apps.isEmpty() && System.nanoTime() < deadline) {
      masterState(masterUi).path("completedapps").forEach(a -> apps.add(a.path("name").asText()));
      if (apps.isEmpty()) {
        Thread.sleep(500);
      }
    }
    return apps;
  }

  /** A running master and worker: the master's URL and web UI port, the worker's folder. */
  private record Cluster(String url, int ui, Path work) {}

  /** Starts a master and one worker of two cores in {@code dir} and waits until they meet. */
  private Cluster startCluster(Path dir) throws IOException, InterruptedException {
    int masterPort = freePort();
    int masterUi = freePort();
    String masterUrl = "spark://127.0.0.1:" + masterPort;
    start(
        dir.resolve("master.log"),
        Map.of(),
        "-Xmx512m",
        QUICK_COMPILER_ONLY,
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        String.valueOf(masterPort),
        "--webui-port",
        String.valueOf(masterUi));
    // The worker builds each executor's class path from SPARK_HOME/jars (empty here) and the
    // application's spark.executor.extraClassPath (this build's classes).
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
    Path work = dir.resolve("worker");
    start(
        dir.resolve("worker.log"),
        Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", scalaBinaryVersion()),
        "-Xmx512m",
        QUICK_COMPILER_ONLY,
        "org.apache.spark.deploy.worker.Worker",
        "--host",
        "127.0.0.1",
        "--cores",
        "2",
        "--memory",
        "1g",
        "--webui-port",
        String.valueOf(freePort()),
        "--work-dir",
        work.toString(),
        masterUrl);
    awaitWorker(masterUi, dir);
    return new Cluster(masterUrl, masterUi, work);
  }

  /** Starts a JVM on this test's class path with its module flags; output goes to {@code log}. */
  private Process start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty")) {
        command.add(a);
      }
    }
    command.add("-Duser.timezone=UTC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(log.getParent().toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** Waits until the master counts one live worker. */
  private static void awaitWorker(int masterUi, Path dir) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        if (masterState(masterUi).path("aliveworkers").asInt() == 1) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no worker registered within 90 s; master:\n"
            + tail(dir.resolve("master.log"))
            + "\nworker:\n"
            + tail(dir.resolve("worker.log")));
  }

  /** The master's state, from its web UI's JSON. */
  private static JsonNode masterState(int masterUi) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String scalaBinaryVersion() {
    String v = scala.util.Properties.versionNumberString();
    return v.substring(0, v.lastIndexOf('.'));
  }

  /**
   * The portal file of the first month with the most lines: a day with dossiers, payments and
   * documents to load, and little history to score.
   */
  private static Path busiestDayOfTheFirstMonth(Path source) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(source.resolve("portal"))) {
      files = s.filter(f -> f.getFileName().toString().startsWith("dossiers-")).sorted().toList();
    }
    String firstMonth =
        files.get(0).getFileName().toString().substring(0, "dossiers-yyyy-MM".length());
    Path busiest = null;
    int most = -1;
    for (Path f : files) {
      if (f.getFileName().toString().startsWith(firstMonth)) {
        int lines = NightlyEndToEndTest.gunzipLines(f).size();
        if (lines > most) {
          most = lines;
          busiest = f;
        }
      }
    }
    return busiest;
  }

  /** The last 60 lines of a log, for a failure message. */
  private static String tail(Path log) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - 60), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(" + log + " unreadable: " + e.getMessage() + ")";
    }
  }
}
