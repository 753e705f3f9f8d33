package vn.dti.sample.pg;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads the document-management folder written by {@code dti generate} ({@code dms/schema.sql},
 * {@code dms/load.sql} and {@code dms/csv/}) into a PostgreSQL database, the way {@code psql -f
 * schema.sql -f load.sql} would: the schema is executed as is, and each {@code \copy} line of
 * load.sql becomes a {@code COPY ... FROM STDIN} over JDBC.
 */
public final class DmsLoader {
  private static final Pattern COPY =
      Pattern.compile("^\\\\copy\\s+(\\S+)\\s+from\\s+'([^']+)'\\s+with\\s+(\\(.*\\))\\s*$");

  private DmsLoader() {}

  /**
   * Creates the schema and copies every table in, in one transaction.
   *
   * @return rows loaded per table, in load.sql's order
   * @throws IOException if a file is missing or a load.sql line is not a {@code \copy}
   * @throws SQLException if PostgreSQL rejects a row (e.g. a duplicate number + notation)
   */
  public static Map<String, Long> load(Connection c, Path dmsDir) throws IOException, SQLException {
    Map<String, Long> loaded = new LinkedHashMap<>();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute(Files.readString(dmsDir.resolve("schema.sql"), StandardCharsets.UTF_8));
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      int lineNo = 0;
      for (String line : Files.readAllLines(dmsDir.resolve("load.sql"), StandardCharsets.UTF_8)) {
        lineNo++;
        if (line.isBlank() || line.startsWith("--")) {
          continue;
        }
        Matcher m = COPY.matcher(line.trim());
        if (!m.matches()) {
          throw new IOException(
              dmsDir.resolve("load.sql") + " line " + lineNo + " is not a \\copy command: " + line);
        }
        Path file = dmsDir.resolve(m.group(2));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          loaded.put(
              m.group(1), copy.copyIn("COPY " + m.group(1) + " FROM STDIN WITH " + m.group(3), in));
        }
      }
      c.commit();
      return loaded;
    } catch (IOException | SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
