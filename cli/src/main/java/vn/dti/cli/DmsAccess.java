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

  private final DmsConnection connection;
  private final EmbeddedPostgres embedded;
  private final String description;

  private DmsAccess(DmsConnection connection, EmbeddedPostgres embedded, String description) {
    this.connection = connection;
    this.embedded = embedded;
    this.description = description;
  }

  static DmsAccess resolve(Map<String, String> env, Path sourceDir) {
    Optional<DmsConnection> configured = DmsConnection.fromEnvironment(env);
    if (configured.isPresent()) {
      return new DmsAccess(
          configured.get(), null, "document management: " + configured.get().safeUrl());
    }
    Path export = sourceDir.resolve("dms");
    if (!Files.isRegularFile(export.resolve("schema.sql"))) {
      return new DmsAccess(null, null, "document management: not configured (set DTI_DMS_URL)");
    }
    LOG.info("Starting an embedded PostgreSQL to serve the document-management export {}", export);
    EmbeddedPostgres pg = null;
    try {
      pg = EmbeddedPostgres.startTemporary();
      pg.createDatabase(DATABASE);
      long rows;
      try (Connection c = pg.connect(DATABASE)) {
        rows = DmsLoader.load(c, export).values().stream().mapToLong(Long::longValue).sum();
      }
      return new DmsAccess(
          new DmsConnection(pg.jdbcUrl(DATABASE), EmbeddedPostgres.USER, "", DATABASE, 2),
          pg,
          String.format(
              "document management: embedded PostgreSQL loaded from %s (%,d rows)", export, rows));
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

  Optional<DmsConnection> connection() {
    return Optional.ofNullable(connection);
  }

  String description() {
    return description;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close(); // stops the server and deletes its temporary folder
    }
  }
}
