package vn.dti.warehouse.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import vn.dti.warehouse.config.WarehouseConfig;

/** Builds the one Spark session a process uses, configured for Delta Lake. */
public final class SparkSessions {
  /** Generated classes kept for reuse; each is a few kilobytes of code. */
  static final int CODEGEN_CACHE_ENTRIES = 2000;

  private SparkSessions() {}

  /**
   * Returns the process's Spark session, creating it from {@code config} if none is active. Under
   * {@code spark-submit} the master given there wins over the configured one.
   */
  public static SparkSession getOrCreate(WarehouseConfig config) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("dti-warehouse")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()))
            .config("spark.sql.session.timeZone", config.timeZone())
            .config("spark.ui.enabled", String.valueOf(config.sparkUi()))
            // Spark's progress bar on a terminal only: redirected to a file, its carriage returns
            // glue stage fragments to the log's next line.
            .config("spark.ui.showConsoleProgress", String.valueOf(System.console() != null))
            .config("spark.sql.adaptive.enabled", "true")
            // The warehouse is addressed by path; keep Spark's own catalog folders out of the
            // working directory.
            .config(
                "spark.sql.warehouse.dir",
                config.dataDir().resolve("spark-warehouse").toAbsolutePath().toString())
            .config("spark.databricks.delta.snapshotPartitions", "2")
            // Outside UTC, Delta checks after every commit the file list its checksum carries
            // against a state reconstruction of the table: one more Spark job per commit (122 of
            // an SF 1 night's 777 Spark executions). The check guards timestamp partition values,
            // which the zone changes; no table here is partitioned by a date or a time (held by
            // TablesTest), so the list is the same in every zone.
            .config(
                "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled",
                "false")
            // Spark keeps the classes it generates and compiles (Janino) for each query shape in a
            // cache of 100 by default; a night plans about 1,100 distinct shapes, many of them
            // again later (every source chain, methodology and child table writes alike), so the
            // default cache compiled 2,035 classes in an SF 1 night where 1,096 are distinct.
            .config("spark.sql.codegen.cache.maxEntries", String.valueOf(CODEGEN_CACHE_ENTRIES))
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
            .config("spark.sql.debug.maxToStringFields", "500");
    String master = System.getProperty("spark.master");
    if (master == null) {
      master = config.sparkMaster();
      b.master(master);
    }
    if (master.startsWith("local")) {
      // Local files created and checked without spawning chmod and readlink processes. Only in
      // a local master, where the one JVM has the class: a cluster's executors keep Hadoop's.
      b.config("spark.hadoop.fs.file.impl", LocalFileSystemWithoutShell.class.getName())
          .config(
              "spark.hadoop.fs.AbstractFileSystem.file.impl",
              LocalFileSystemWithoutShell.Fs.class.getName());
    }
    if (config.embedded()) {
      b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    for (Map.Entry<String, String> e : config.extraSpark().entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    SparkSession spark = b.getOrCreate();
    if (!config.embedded()) {
      // Under spark-submit the cluster's log configuration (INFO by default) applies, not the one
      // in our jar.
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
