package vn.dti.warehouse.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.catalog.ColumnSpec;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.table.ConcurrentWrites;
import vn.dti.warehouse.table.TableStore;

/**
 * Builds the analysts' DuckDB database from the warehouse. Each table is read at one Delta version
 * (so files Delta has removed are never counted), exported to Parquet, loaded into a fresh DuckDB
 * file with the catalog's column descriptions as comments, checked row for row, and swapped in
 * place of the old file in one rename.
 */
public final class DuckDbPublisher {
  private final TableStore tables;

  public DuckDbPublisher(TableStore tables) {
    this.tables = tables;
  }

  /**
   * Publishes {@code specs} (tables that do not exist yet are left out) to {@code target}.
   *
   * @param now the publication time recorded in {@code ops.publication}
   */
  public Publication publish(List<TableSpec> specs, Path target, Instant now) {
    Path dir = target.toAbsolutePath().getParent();
    Path staging = dir.resolve(".publish-staging");
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      deleteRecursively(staging);
      Files.deleteIfExists(tmp);
      List<Publication.PublishedTable> published = new ArrayList<>();
      List<TableSpec> present = specs.stream().filter(tables::exists).toList();
      List<Path> exports = new ArrayList<>();
      List<Runnable> writes = new ArrayList<>();
      for (TableSpec spec : present) {
        long version = tables.version(spec).orElseThrow();
        Dataset<Row> snapshot = tables.readAt(spec, version);
        Path out = staging.resolve(spec.name());
        writes.add(() -> snapshot.write().mode("overwrite").parquet(out.toString()));
        exports.add(out);
        published.add(new Publication.PublishedTable(spec.name(), version, -1));
      }
      // The exports are independent small Spark jobs: run together, they overlap.
      ConcurrentWrites.run("the Parquet exports for " + target, writes);
      Jdbi jdbi = Jdbi.create("jdbc:duckdb:" + tmp);
      List<Publication.PublishedTable> counted = new ArrayList<>();
      jdbi.useHandle(
          h -> {
            h.execute("create schema if not exists ops");
            h.execute(
                "create table ops.publication (table_name varchar, delta_version bigint, row_count bigint,"
                    + " published_at timestamp)");
            for (int i = 0; i < present.size(); i++) {
              TableSpec spec = present.get(i);
              long rows = load(h, spec, exports.get(i));
              Publication.PublishedTable p = published.get(i);
              counted.add(new Publication.PublishedTable(p.name(), p.deltaVersion(), rows));
              h.createUpdate("insert into ops.publication values (:t, :v, :n, :at)")
                  .bind("t", spec.name())
                  .bind("v", p.deltaVersion())
                  .bind("n", rows)
                  .bind("at", Timestamp.from(now))
                  .execute();
            }
            h.execute("checkpoint");
          });
      for (int i = 0; i < present.size(); i++) {
        long expected = tables.readAt(present.get(i), counted.get(i).deltaVersion()).count();
        if (expected != counted.get(i).rows()) {
          throw new IllegalStateException(
              present.get(i).name()
                  + " has "
                  + expected
                  + " rows in Delta but "
                  + counted.get(i).rows()
                  + " were loaded into DuckDB");
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(dir.resolve(target.getFileName() + ".wal"));
      deleteRecursively(staging);
      return new Publication(target, counted);
    } catch (IOException | RuntimeException e) {
      throw WarehouseErrors.publicationFailure(target, e);
    }
  }

  private static long load(Handle h, TableSpec spec, Path export) {
    String schema = spec.layer().folder();
    h.execute("create schema if not exists " + schema);
    String qualified = schema + "." + spec.entity();
    String files = export.resolve("*.parquet").toString().replace("'", "''");
    h.execute("create table " + qualified + " as select * from read_parquet('" + files + "')");
    h.execute("comment on table " + qualified + " is '" + sqlText(spec.grain()) + "'");
    for (ColumnSpec c : spec.columns()) {
      h.execute(
          "comment on column "
              + qualified
              + "."
              + c.name()
              + " is '"
              + sqlText(c.descriptionEn() + " | " + c.descriptionVi())
              + "'");
    }
    return h.createQuery("select count(*) from " + qualified).mapTo(Long.class).one();
  }

  private static String sqlText(String s) {
    return s.replace("'", "''");
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
