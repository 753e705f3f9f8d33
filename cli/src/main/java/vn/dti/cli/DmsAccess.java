package vn.dti.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.etl.dms.DmsConnection;
import vn.dti.sample.pg.DmsLoader;
import vn.dti.sample.pg.EmbeddedPostgres;
import vn.dti.warehouse.WarehouseException;

/**
 * Where the nightly run reads the document-management system from: the server named by {@code
 * DTI_DMS_URL} (production), or, when that is not set and the source folder carries a generated
 * {@code dms/} export, an embedded PostgreSQL started for the run and loaded from it (the demo and
 * the tests), or nowhere.
 */
final class DmsAccess implements AutoCloseable {
  private static final String DATABASE = "qlvb";

  private static final Logger LOG = LoggerFactory.getLogger(DmsAccess.class);

  private final DmsConnection configured;
  private final Path export;
  private final String description;
  private EmbeddedPostgres embedded;
  private DmsConnection served;

  private DmsAccess(DmsConnection configured, Path export, String description) {
    this.configured = configured;
    this.export = export;
    this.description = description;
  }

  /**
   * Decides where the document-management system is read from, without connecting: an embedded
   * server is started by the first {@link #connect()}.
   */
  static DmsAccess resolve(Map<String, String> env, Path sourceDir) {
    Optional<DmsConnection> fromEnv = DmsConnection.fromEnvironment(env);
    if (fromEnv.isPresent()) {
      return new DmsAccess(fromEnv.get(), null, "document management: " + fromEnv.get().safeUrl());
    }
    Path export = sourceDir.resolve("dms");
    if (!Files.isRegularFile(export.resolve("schema.sql"))) {
      return new DmsAccess(null, null, "document management: not configured (set DTI_DMS_URL)");
    }
    return new DmsAccess(
        null,
        export,
        "document management: the export " + export + ", served by an embedded PostgreSQL");
  }

  /** Whether there is a document-management system to read. */
  boolean available() {
    return configured != null || export != null;
  }

  /**
   * The connection: the configured server's, or that of an embedded server started and loaded from
   * the export on the first call.
   *
   * @throws IllegalStateException when {@link #available()} is false
   * @throws WarehouseException when the embedded server cannot be started or loaded
   */
  synchronized DmsConnection connect() {
    if (configured != null) {
      return configured;
    }
    if (export == null) {
      throw new IllegalStateException("no document-management system is configured");
    }
    if (served != null) {
      return served;
    }
    embedded = serve(export);
    served = new DmsConnection(jdbcUrl(embedded), EmbeddedPostgres.USER, "", DATABASE, 2);
    return served;
  }

  /**
   * Starts an embedded PostgreSQL in a temporary folder and loads the export into its database
   * {@value #DATABASE}; the caller closes it (which deletes the folder).
   *
   * @throws WarehouseException when the server cannot be started or the export loaded
   */
  static EmbeddedPostgres serve(Path export) {
    LOG.info("Starting an embedded PostgreSQL to serve the document-management export {}", export);
    EmbeddedPostgres pg = null;
    try {
      pg = EmbeddedPostgres.startTemporary();
      pg.createDatabase(DATABASE);
      long rows;
      try (Connection c = pg.connect(DATABASE)) {
        rows = DmsLoader.load(c, export).values().stream().mapToLong(Long::longValue).sum();
      }
      LOG.info(
          String.format(
              "document management: embedded PostgreSQL loaded from %s (%,d rows)", export, rows));
      return pg;
    } catch (IOException | SQLException e) {
      if (pg != null) {
        pg.close();
      }
      throw new WarehouseException(
          "Cannot serve the document-management export "
              + export
              + " from an embedded PostgreSQL: "
              + e.getMessage()
              + "; set DTI_DMS_URL to read a running server instead",
          e);
    }
  }

  /** The JDBC URL of the export's database on an embedded server. */
  static String jdbcUrl(EmbeddedPostgres pg) {
    return pg.jdbcUrl(DATABASE);
  }

  String description() {
    return description;
  }

  @Override
  public synchronized void close() {
    if (embedded != null) {
      embedded.close(); // stops the server and deletes its temporary folder
    }
  }
}
