package vn.dti.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.dti.warehouse.publish.DuckDbReader;

/**
 * {@code dti query}: a read-only SQL query of the analysts' DuckDB file, given on the command line,
 * in a file ({@code -f q.sql}) or on standard input ({@code -f -}), printed as tab-separated
 * values, an aligned table, CSV or JSON.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Run a read-only SQL query against the published DuckDB file (no Spark is started).")
final class QueryCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SQL",
      arity = "0..1",
      description = "The query, e.g. \"select * from gold.ranking order by period, rank\"")
  String sql;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read the query from FILE ('-': standard input) instead of the command line.")
  String file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "tsv (default), table, csv or json.")
  String format = "tsv";

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "DuckDB file (default: <data.dir>/dti.duckdb).")
  Path db;

  @Override
  public Integer call() throws IOException {
    QueryOutput output;
    try {
      output = QueryOutput.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--format " + format + " is not one of tsv, table, csv, json");
    }
    String query = query(System.in);
    Path dbFile = db != null ? db : Session.config(root).duckDbFile();
    List<Map<String, Object>> rows = new DuckDbReader(dbFile).query(query, Map.of());
    if (rows.isEmpty()) {
      System.out.print(output == QueryOutput.JSON ? "[]\n" : "(no rows)\n");
      return 0;
    }
    System.out.print(output.format(new ArrayList<>(rows.get(0).keySet()), rows));
    System.out.flush();
    return 0;
  }

  private String query(InputStream stdin) throws IOException {
    if (sql != null && file != null) {
      throw new ParameterException(
          spec.commandLine(), "give the query on the command line or with -f, not both");
    }
    if (sql != null) {
      return sql;
    }
    if (file == null) {
      throw new ParameterException(
          spec.commandLine(), "no query: give it as an argument, or -f FILE, or -f - for stdin");
    }
    String text;
    if (file.equals("-")) {
      text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } else {
      Path p = Path.of(file);
      if (!Files.isRegularFile(p)) {
        throw new ParameterException(spec.commandLine(), "-f " + file + " is not a file");
      }
      text = Files.readString(p, StandardCharsets.UTF_8);
    }
    // A trailing semicolon, as a .sql file usually has, is not part of the one statement.
    String q = text.strip();
    while (q.endsWith(";")) {
      q = q.substring(0, q.length() - 1).stripTrailing();
    }
    if (q.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "the query in " + file + " is empty");
    }
    return q;
  }
}
