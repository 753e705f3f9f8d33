package vn.dti.cli;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.warehouse.config.ConfigLoader;
import vn.dti.warehouse.config.WarehouseConfig;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.RunLedger;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepRunner;
import vn.dti.warehouse.spark.SparkSessions;
import vn.dti.warehouse.table.DeltaTableStore;

/**
 * What a command that touches the warehouse needs: configuration, the Spark session, tables, a run
 * id.
 */
final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  final WarehouseConfig config;
  final JobContext context;

  private Session(WarehouseConfig config, JobContext context) {
    this.config = config;
    this.context = context;
  }

  /** Resolves the configuration only (no Spark). */
  static WarehouseConfig config(DtiCommand root) {
    return new ConfigLoader().load(root.configFile, root.conf);
  }

  /** Starts Spark and opens the warehouse. */
  static Session open(DtiCommand root) {
    WarehouseConfig config = config(root);
    LOG.info("Starting Spark ({}) ...", config.sparkMaster());
    SparkSession spark = SparkSessions.getOrCreate(config);
    Clock clock = Clock.systemUTC();
    return new Session(
        config,
        new JobContext(
            new DeltaTableStore(spark, config.warehouseLocation()), clock, newRunId(clock)));
  }

  /**
   * Another run in the same configuration and Spark session, with its own run id (a service's next
   * night).
   */
  Session nextRun() {
    Clock clock = Clock.systemUTC();
    return new Session(
        config,
        new JobContext(
            new DeltaTableStore(context.spark(), config.warehouseLocation()),
            clock,
            newRunId(clock)));
  }

  /** A run id: start time in UTC and a random suffix, e.g. {@code 20261123T020000Z-3fa1}. */
  static String newRunId(Clock clock) {
    byte[] b = new byte[2];
    ThreadLocalRandom.current().nextBytes(b);
    return RUN_ID.format(clock.instant().atOffset(ZoneOffset.UTC))
        + "-"
        + HexFormat.of().formatHex(b);
  }

  /** Runs one step on its own (recorded in the ledger like any other) and prints its line. */
  int runAlone(String step, StepRunner.StepBody body) {
    RunLedger ledger = new RunLedger(context.tables());
    StepRecord r = new StepRunner(context, ledger).run(step, body);
    ledger.flush();
    System.out.println(StepRunner.describe(r));
    return 0;
  }

  static Map<String, String> environment() {
    return System.getenv();
  }
}
