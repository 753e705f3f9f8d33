package vn.dti.warehouse.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import vn.dti.warehouse.WarehouseException;

/** Read-only access to a published DuckDB file, through Jdbi. */
public final class DuckDbReader {
  private final Jdbi jdbi;

  public DuckDbReader(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new WarehouseException(
          "There is no published database at "
              + file
              + "; run 'dti nightly' or 'dti publish' first");
    }
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    this.jdbi = Jdbi.create("jdbc:duckdb:" + file.toAbsolutePath(), p);
  }

  /**
   * Runs a query and returns its rows as column name → value maps, in result order.
   *
   * @throws WarehouseException if DuckDB rejects the query; the message is DuckDB's, followed by
   *     the tables the file holds
   */
  public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
    try {
      return jdbi.withHandle(
          h -> {
            var q = h.createQuery(sql);
            params.forEach(q::bind);
            return new ArrayList<>(q.mapToMap().list());
          });
    } catch (JdbiException e) {
      String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new WarehouseException(
          "The query failed: " + reason.strip() + "\nTables in this file: " + tables(), e);
    }
  }

  /** The tables of the file as schema.table, sorted. */
  public List<String> tables() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select table_schema || '.' || table_name from information_schema.tables"
                        + " where table_schema not in ('information_schema', 'pg_catalog')"
                        + " order by 1")
                .mapTo(String.class)
                .list());
  }
}
