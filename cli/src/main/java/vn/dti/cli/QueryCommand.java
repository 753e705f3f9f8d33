package vn.dti.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.dti.warehouse.publish.DuckDbReader;

/**
 * {@code dti query}: a read-only SQL query of the analysts' DuckDB file, printed as tab-separated
 * values.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Run a read-only SQL query against the published DuckDB file (no Spark is started).")
final class QueryCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Parameters(
      paramLabel = "SQL",
      description = "The query, e.g. \"select * from gold.ranking order by period, rank\"")
  String sql;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "DuckDB file (default: <data.dir>/dti.duckdb).")
  Path db;

  @Override
  public Integer call() {
    Path file = db != null ? db : Session.config(root).duckDbFile();
    List<Map<String, Object>> rows = new DuckDbReader(file).query(sql, Map.of());
    if (rows.isEmpty()) {
      System.out.println("(no rows)");
      return 0;
    }
    System.out.println(String.join("\t", rows.get(0).keySet()));
    for (Map<String, Object> r : rows) {
      System.out.println(
          String.join("\t", r.values().stream().map(v -> v == null ? "" : v.toString()).toList()));
    }
    return 0;
  }
}
