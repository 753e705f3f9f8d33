package vn.dti.warehouse.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Resolved configuration of one run.
 *
 * @param dataDir the root folder of everything the product writes locally ({@code ./dti-data} by
 *     default)
 * @param warehouseLocation where the Delta tables live: a local folder or a URI a cluster can reach
 *     ({@code hdfs://...}, {@code s3a://...}); {@code <dataDir>/warehouse} by default
 * @param sparkMaster the Spark master URL; {@code local[*]} runs embedded
 * @param shufflePartitions Spark's shuffle partitions; small by default because nightly batches are
 *     small
 * @param timeZone the session time zone in which source timestamps without an offset are read
 * @param sparkUi whether Spark's web UI is started
 * @param extraSpark further {@code spark.*} settings passed through unchanged
 * @param retention how long {@code dti maintain} keeps files that no current table version uses:
 *     also how far back time travel (re-scoring a published period) reaches
 * @param reportIssuer the issuing body named on the committee's workbooks ("Sở Khoa học và Công
 *     nghệ tỉnh Bình Phước")
 * @param publishedSilver the silver tables published to the analysts' DuckDB file, by name ({@code
 *     silver.dossier}); every one by default ({@code publish.silver})
 * @param methodologyDir an operator's folder of methodology files scored besides the shipped ones
 *     ({@code methodology.dir}); none by default
 */
public record WarehouseConfig(
    Path dataDir,
    String warehouseLocation,
    String sparkMaster,
    int shufflePartitions,
    String timeZone,
    boolean sparkUi,
    Map<String, String> extraSpark,
    java.time.Duration retention,
    String reportIssuer,
    java.util.List<String> publishedSilver,
    java.util.Optional<Path> methodologyDir) {

  public WarehouseConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(warehouseLocation, "warehouseLocation");
    Objects.requireNonNull(sparkMaster, "sparkMaster");
    Objects.requireNonNull(timeZone, "timeZone");
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("shufflePartitions must be at least 1");
    }
    extraSpark = Map.copyOf(new TreeMap<>(extraSpark));
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention cannot be negative");
    }
    Objects.requireNonNull(reportIssuer, "reportIssuer");
    publishedSilver = java.util.List.copyOf(publishedSilver);
    Objects.requireNonNull(methodologyDir, "methodologyDir");
  }

  /** The analysts' DuckDB database. */
  public Path duckDbFile() {
    return dataDir.resolve("dti.duckdb");
  }

  /** Where Excel reports are written. */
  public Path reportsDir() {
    return dataDir.resolve("reports");
  }

  /** True when Spark runs inside this JVM. */
  public boolean embedded() {
    return sparkMaster.startsWith("local");
  }
}
