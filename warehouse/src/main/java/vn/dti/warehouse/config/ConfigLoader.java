package vn.dti.warehouse.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;

/**
 * Resolves {@link WarehouseConfig} from, in increasing precedence: built-in defaults, the
 * configuration file ({@code dti.conf}, Java properties syntax), environment variables ({@code
 * DTI_DATA_DIR} for {@code data.dir}) and explicit overrides (the command line's {@code --conf
 * key=value}).
 */
public final class ConfigLoader {
  public static final String DATA_DIR = "data.dir";
  public static final String WAREHOUSE_LOCATION = "warehouse.location";
  public static final String SPARK_MASTER = "spark.master";
  public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  public static final String TIME_ZONE = "time.zone";
  public static final String SPARK_UI = "spark.ui.enabled";
  public static final String RETENTION_HOURS = "maintenance.retention.hours";
  public static final String REPORT_ISSUER = "report.issuer";
  public static final String PUBLISH_SILVER = "publish.silver";
  public static final String METHODOLOGY_DIR = "methodology.dir";

  private static final Map<String, String> DEFAULTS =
      Map.of(
          DATA_DIR, "dti-data",
          SPARK_MASTER, "local[*]",
          SHUFFLE_PARTITIONS, "4",
          TIME_ZONE, "Asia/Ho_Chi_Minh",
          SPARK_UI, "false",
          RETENTION_HOURS, "720",
          REPORT_ISSUER, "Ban Chỉ đạo Chuyển đổi số",
          PUBLISH_SILVER, "all",
          METHODOLOGY_DIR, "");

  private final Map<String, String> env;

  /** A loader reading the real process environment. */
  public ConfigLoader() {
    this(System.getenv());
  }

  /** A loader over a given environment (tests pass their own). */
  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * The environment variable that overrides {@code key}: {@code data.dir} → {@code DTI_DATA_DIR}.
   */
  public static String envName(String key) {
    return "DTI_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /**
   * Loads the configuration.
   *
   * @param file the configuration file; when absent, {@code ./dti.conf} is used if it exists
   * @param overrides values from the command line, highest precedence
   */
  public WarehouseConfig load(Path file, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Map<String, String> origin = new LinkedHashMap<>();
    DEFAULTS.keySet().forEach(k -> origin.put(k, "the built-in default"));
    Path configFile = file != null ? file : Path.of("dti.conf");
    if (file != null || Files.isRegularFile(configFile)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw WarehouseErrors.unreadableConfig(configFile, e);
      }
      p.stringPropertyNames()
          .forEach(k -> put(values, origin, k, p.getProperty(k), configFile.toString()));
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      for (String key : List.copyOf(values.keySet())) {
        if (envName(key).equals(e.getKey())) {
          put(values, origin, key, e.getValue(), "environment variable " + e.getKey());
        }
      }
    }
    overrides.forEach((k, v) -> put(values, origin, k, v, "the command line"));
    return build(values, origin);
  }

  private static void put(
      Map<String, String> values, Map<String, String> origin, String k, String v, String from) {
    values.put(k.trim(), v.trim());
    origin.put(k.trim(), from);
  }

  private static WarehouseConfig build(Map<String, String> v, Map<String, String> origin) {
    int partitions;
    try {
      partitions = Integer.parseInt(v.get(SHUFFLE_PARTITIONS));
      if (partitions < 1) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw WarehouseErrors.badConfigValue(
          SHUFFLE_PARTITIONS,
          v.get(SHUFFLE_PARTITIONS),
          "a whole number of at least 1",
          origin.get(SHUFFLE_PARTITIONS));
    }
    String ui = v.get(SPARK_UI).toLowerCase(Locale.ROOT);
    if (!ui.equals("true") && !ui.equals("false")) {
      throw WarehouseErrors.badConfigValue(
          SPARK_UI, v.get(SPARK_UI), "true or false", origin.get(SPARK_UI));
    }
    try {
      java.time.ZoneId.of(v.get(TIME_ZONE));
    } catch (java.time.DateTimeException e) {
      throw WarehouseErrors.badConfigValue(
          TIME_ZONE,
          v.get(TIME_ZONE),
          "a time-zone id such as Asia/Ho_Chi_Minh",
          origin.get(TIME_ZONE));
    }
    long retentionHours;
    try {
      retentionHours = Long.parseLong(v.get(RETENTION_HOURS));
      if (retentionHours < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw WarehouseErrors.badConfigValue(
          RETENTION_HOURS,
          v.get(RETENTION_HOURS),
          "a whole number of hours, 0 or more",
          origin.get(RETENTION_HOURS));
    }
    Map<String, String> extra = new LinkedHashMap<>();
    v.forEach(
        (k, val) -> {
          if (k.startsWith("spark.")
              && !k.equals(SPARK_MASTER)
              && !k.equals(SHUFFLE_PARTITIONS)
              && !k.equals(SPARK_UI)) {
            extra.put(k, val);
          }
        });
    Path dataDir = Path.of(v.get(DATA_DIR)).toAbsolutePath().normalize();
    String location = v.getOrDefault(WAREHOUSE_LOCATION, "");
    if (location.isBlank()) {
      location = dataDir.resolve("warehouse").toString();
    }
    return new WarehouseConfig(
        dataDir,
        location,
        v.get(SPARK_MASTER),
        partitions,
        v.get(TIME_ZONE),
        ui.equals("true"),
        extra,
        java.time.Duration.ofHours(retentionHours),
        v.get(REPORT_ISSUER),
        publishedSilver(v.get(PUBLISH_SILVER), origin.get(PUBLISH_SILVER)),
        methodologyDir(v.get(METHODOLOGY_DIR), origin.get(METHODOLOGY_DIR)));
  }

  /** {@code methodology.dir}: an existing folder of methodology files, or empty for none. */
  static java.util.Optional<Path> methodologyDir(String value, String origin) {
    if (value.isBlank()) {
      return java.util.Optional.empty();
    }
    Path dir = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw WarehouseErrors.badConfigValue(
          METHODOLOGY_DIR, value, "an existing folder of methodology files (.yaml)", origin);
    }
    return java.util.Optional.of(dir);
  }

  /**
   * {@code publish.silver}: {@code all}, {@code none} or a comma-separated list of silver tables,
   * each named with or without its {@code silver.} prefix; the catalog's names, in catalog order.
   */
  static List<String> publishedSilver(String value, String origin) {
    String prefix = "silver.";
    List<String> known = Tables.inLayer(Layer.SILVER).stream().map(TableSpec::name).toList();
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("all")) {
      return known;
    }
    if (v.equals("none")) {
      return List.of();
    }
    java.util.Set<String> chosen = new java.util.HashSet<>();
    for (String part : v.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      String qualified = name.startsWith(prefix) ? name : prefix + name;
      if (!known.contains(qualified)) {
        throw WarehouseErrors.badConfigValue(
            PUBLISH_SILVER,
            value,
            "all, none or silver tables separated by commas, of "
                + String.join(", ", known.stream().map(k -> k.substring(prefix.length())).toList()),
            origin);
      }
      chosen.add(qualified);
    }
    return known.stream().filter(chosen::contains).toList();
  }
}
