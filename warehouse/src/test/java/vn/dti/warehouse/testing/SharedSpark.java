package vn.dti.warehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import vn.dti.warehouse.config.ConfigLoader;
import vn.dti.warehouse.config.WarehouseConfig;
import vn.dti.warehouse.spark.SparkSessions;
import vn.dti.warehouse.table.DeltaTableStore;

/**
 * The one Spark session of a test JVM, created on first use and stopped when the JVM exits. Tests
 * get a fresh, empty warehouse folder each through {@link #newStore()}.
 */
public final class SharedSpark {
  private static SparkSession session;
  private static Path root;

  private SharedSpark() {}

  /** The shared session (local[2], small shuffles, no UI). */
  public static synchronized SparkSession spark() {
    if (session == null) {
      try {
        root = Files.createTempDirectory("dti-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      WarehouseConfig config =
          new ConfigLoader(Map.of())
              .load(
                  null,
                  Map.of(
                      ConfigLoader.DATA_DIR,
                      root.toString(),
                      ConfigLoader.SPARK_MASTER,
                      "local[2]",
                      ConfigLoader.SHUFFLE_PARTITIONS,
                      "2",
                      "spark.sql.ansi.enabled",
                      "true",
                      "spark.ui.showConsoleProgress",
                      "false"));
      session = SparkSessions.getOrCreate(config);
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** A new empty folder under the shared temporary root. */
  public static synchronized Path newFolder(String prefix) {
    spark();
    try {
      return Files.createTempDirectory(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table store over a new, empty warehouse folder. */
  public static DeltaTableStore newStore() {
    return new DeltaTableStore(spark(), newFolder("warehouse-").toString());
  }
}
