package vn.dti.etl.dms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import vn.dti.warehouse.WarehouseException;

/**
 * Where the document-management database is and how to log in. Production sets it from the
 * environment (credentials never go into a configuration file):
 *
 * <pre>
 * DTI_DMS_URL            jdbc:postgresql://host:5432/qlvb
 * DTI_DMS_USER           a read-only account
 * DTI_DMS_PASSWORD       or DTI_DMS_PASSWORD_FILE, a file holding it
 * DTI_DMS_SCHEMA         schema of the QLVB tables (default qlvb)
 * DTI_DMS_PARTITIONS     parallel reads per table (default 2)
 * </pre>
 */
public record DmsConnection(
    String url, String user, String password, String schema, int partitions) {
  public static final String URL_ENV = "DTI_DMS_URL";
  public static final String USER_ENV = "DTI_DMS_USER";
  public static final String PASSWORD_ENV = "DTI_DMS_PASSWORD";
  public static final String PASSWORD_FILE_ENV = "DTI_DMS_PASSWORD_FILE";

  public DmsConnection {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new WarehouseException(
          "The document-management URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db),"
              + " got "
              + redacted(url));
    }
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new WarehouseException("DTI_DMS_SCHEMA must be a plain identifier, got " + schema);
    }
    if (partitions < 1 || partitions > 64) {
      throw new WarehouseException("DTI_DMS_PARTITIONS must be 1..64, got " + partitions);
    }
  }

  /** The connection the environment describes, or empty when {@code DTI_DMS_URL} is not set. */
  public static Optional<DmsConnection> fromEnvironment(Map<String, String> env) {
    String url = env.get(URL_ENV);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String password = env.getOrDefault(PASSWORD_ENV, "");
    String file = env.get(PASSWORD_FILE_ENV);
    if (password.isEmpty() && file != null && !file.isBlank()) {
      try {
        password = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new WarehouseException(
            "Cannot read the document-management password file " + file + ": " + e.getMessage(), e);
      }
    }
    int partitions;
    try {
      partitions = Integer.parseInt(env.getOrDefault("DTI_DMS_PARTITIONS", "2").trim());
    } catch (NumberFormatException e) {
      throw new WarehouseException(
          "DTI_DMS_PARTITIONS must be a whole number, got " + env.get("DTI_DMS_PARTITIONS"));
    }
    return Optional.of(
        new DmsConnection(
            url.trim(),
            env.getOrDefault(USER_ENV, ""),
            password,
            env.getOrDefault("DTI_DMS_SCHEMA", "qlvb").trim(),
            partitions));
  }

  /** A new JDBC connection (read-only). */
  public Connection open() throws SQLException {
    Connection c = DriverManager.getConnection(url, properties());
    c.setReadOnly(true);
    return c;
  }

  /** The login as JDBC properties, for DriverManager and Spark's JDBC source. */
  public Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("driver", "org.postgresql.Driver");
    p.setProperty("connectTimeout", "10");
    p.setProperty("ApplicationName", "dti-warehouse");
    return p;
  }

  /** The URL without any password it might carry, for messages and logs. */
  public String safeUrl() {
    return redacted(url);
  }

  @Override
  public String toString() {
    return "DmsConnection[" + safeUrl() + ", user " + user + ", schema " + schema + "]";
  }

  private static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
