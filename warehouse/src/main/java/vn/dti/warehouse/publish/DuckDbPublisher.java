package vn.dti.warehouse.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.catalog.ColumnSpec;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.publish.Publication.PublishedTable;
import vn.dti.warehouse.publish.Publication.Refresh;
import vn.dti.warehouse.table.ConcurrentWrites;
import vn.dti.warehouse.table.TableStore;

/**
 * Builds the analysts' DuckDB database from the warehouse. Each table is read at one Delta version
 * (so files Delta has removed are never counted) and checked row for row; the new file is written
 * beside the old one and swapped in with one rename, so readers see the old or the new database,
 * never a mix.
 *
 * <p>A publication starts from a copy of the previous file. A table still at the version it was
 * published at is left as it was; a silver table has the rows of the keys its change feed names
 * deleted and loaded again; another table whose commits since then only replaced slices (the months
 * or periods a night rewrote) or wrote in some partitions (an append, a merge) has just those
 * slices deleted and loaded again; anything else (a change to an unpartitioned table, a schema
 * change, a table created again, a log no longer kept) loads the table whole. Without a previous
 * file, or one this code cannot read, everything is loaded whole.
 */
public final class DuckDbPublisher {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DuckDbPublisher.class);

  private final TableStore tables;

  public DuckDbPublisher(TableStore tables) {
    this.tables = tables;
  }

  /** The publication's phases and their seconds, for its log line. */
  private static final class Phases {
    private final java.util.StringJoiner done = new java.util.StringJoiner(", ");
    private long start = System.nanoTime();

    void end(String phase) {
      long now = System.nanoTime();
      done.add(phase + " " + seconds(now - start) + " s");
      start = now;
    }

    static String seconds(long nanos) {
      return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    @Override
    public String toString() {
      return done.toString();
    }
  }

  /** What the previous file says about one table. */
  private record Previous(long version, long rows, String tableId) {}

  /**
   * What to do for one table: how, the version and identity to publish, the rows to export ({@code
   * slices}: for {@code KEYS}, the partitions to read, none meaning all), and what the previous
   * file recorded of the table (null when it has no record or is not trusted).
   */
  private record Plan(
      TableSpec spec,
      long version,
      String tableId,
      Refresh refresh,
      List<Map<String, List<String>>> slices,
      Previous previous,
      Path export) {}

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
      Files.deleteIfExists(dir.resolve(tmp.getFileName() + ".wal"));
      boolean incremental =
          Files.isRegularFile(target) && !Files.exists(dir.resolve(target.getFileName() + ".wal"));
      Phases phases = new Phases();
      if (incremental) {
        Files.copy(target, tmp);
      }
      phases.end("copy");
      Jdbi jdbi = Jdbi.create("jdbc:duckdb:" + tmp);
      List<TableSpec> present = specs.stream().filter(tables::exists).toList();
      List<PublishedTable> published =
          jdbi.withHandle(
              h -> {
                Map<String, Previous> previous = incremental ? previous(h) : Map.of();
                List<Plan> plans = new ArrayList<>();
                for (TableSpec spec : present) {
                  plans.add(plan(h, spec, previous.get(spec.name()), staging));
                }
                phases.end("plan");
                export(plans, target);
                phases.end("export");
                List<PublishedTable> out = new ArrayList<>();
                for (Plan p : plans) {
                  long start = System.nanoTime();
                  out.add(load(h, p));
                  LOG.debug(
                      "{}: loaded {} in {} s",
                      p.spec().name(),
                      p.refresh(),
                      Phases.seconds(System.nanoTime() - start));
                }
                phases.end("load");
                dropUnpublished(h, previous.keySet(), present);
                record(h, out, plans, now);
                dictionary(h, plans, out, now);
                h.execute("checkpoint");
                phases.end("dictionary and checkpoint");
                return out;
              });
      for (int i = 0; i < published.size(); i++) {
        PublishedTable t = published.get(i);
        if (t.refresh() == Refresh.KEPT) {
          continue; // counted against the previous publication's row count when planned
        }
        long expected = tables.readAt(present.get(i), t.deltaVersion()).count();
        if (expected != t.rows()) {
          throw new IllegalStateException(
              t.name()
                  + " has "
                  + expected
                  + " rows in Delta but "
                  + t.rows()
                  + " are in DuckDB after loading it "
                  + switch (t.refresh()) {
                    case WHOLE -> "whole";
                    case KEYS -> "by changed keys";
                    default -> "by slice";
                  });
        }
      }
      phases.end("verify");
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(dir.resolve(target.getFileName() + ".wal"));
      deleteRecursively(staging);
      Publication publication = new Publication(target, published);
      LOG.info(
          "published {} tables to {}: {} ({})",
          published.size(),
          target,
          publication.refreshSummary(),
          phases);
      return publication;
    } catch (IOException | RuntimeException e) {
      throw WarehouseErrors.publicationFailure(target, e);
    }
  }

  /**
   * Whether {@code target} holds exactly {@code specs} (those that exist), each at its current
   * Delta version of the same table, as its {@code ops.publication} records: then publishing again
   * would change nothing. False for a missing or unreadable file, or one put back from an older
   * copy.
   *
   * @param ignored tables the file records but whose version does not decide (the run ledger)
   */
  public boolean holdsCurrent(List<TableSpec> specs, Path target, String... ignored) {
    if (!Files.isRegularFile(target)
        || Files.exists(target.resolveSibling(target.getFileName() + ".wal"))) {
      return false;
    }
    Map<String, Previous> recorded;
    try {
      java.util.Properties ro = new java.util.Properties();
      ro.setProperty("duckdb.read_only", "true");
      recorded =
          Jdbi.create("jdbc:duckdb:" + target.toAbsolutePath(), ro)
              .withHandle(DuckDbPublisher::previous);
    } catch (RuntimeException e) {
      return false;
    }
    recorded = new HashMap<>(recorded);
    for (String name : ignored) {
      recorded.remove(name);
    }
    List<TableSpec> present = specs.stream().filter(tables::exists).toList();
    if (recorded.size() != present.size()) {
      return false;
    }
    for (TableSpec spec : present) {
      Previous p = recorded.get(spec.name());
      if (p == null
          || p.version() != tables.version(spec).orElse(-1)
          || !tables.tableId(spec).equals(p.tableId())) {
        return false;
      }
    }
    return true;
  }

  /** The previous publication's record, or nothing when the file has none this code can read. */
  private static Map<String, Previous> previous(Handle h) {
    try {
      Map<String, Previous> out = new HashMap<>();
      h.createQuery("select table_name, delta_version, row_count, table_id from ops.publication")
          .map(
              (rs, ctx) ->
                  Map.entry(
                      rs.getString(1), new Previous(rs.getLong(2), rs.getLong(3), rs.getString(4))))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    } catch (RuntimeException e) {
      LOG.info(
          "the previous DuckDB file has no publication record this version reads ({}): "
              + "every table is loaded whole",
          e.getMessage());
      return Map.of();
    }
  }

  private Plan plan(Handle h, TableSpec spec, Previous previous, Path staging) {
    long version = tables.version(spec).orElseThrow();
    String id = tables.tableId(spec);
    Path export = staging.resolve(spec.name());
    if (previous == null
        || !id.equals(previous.tableId())
        || previous.version() > version
        || !sameColumns(h, spec)) {
      return new Plan(spec, version, id, Refresh.WHOLE, List.of(), previous, export);
    }
    long rows = count(h, spec);
    if (rows != previous.rows()) {
      LOG.warn(
          "{} holds {} rows in DuckDB where its publication recorded {}: loaded whole",
          spec.name(),
          rows,
          previous.rows());
      return new Plan(spec, version, id, Refresh.WHOLE, List.of(), previous, export);
    }
    if (previous.version() == version) {
      return new Plan(spec, version, id, Refresh.KEPT, List.of(), previous, export);
    }
    Optional<List<Map<String, List<String>>>> slices =
        tables.slicesReplaced(spec, previous.version(), version);
    if (slices.isPresent() && slices.get().isEmpty()) {
      return new Plan(spec, version, id, Refresh.KEPT, List.of(), previous, export);
    }
    Optional<String> untextable =
        slices.stream()
            .flatMap(List::stream)
            .flatMap(slice -> slice.keySet().stream())
            .filter(c -> !comparableAsText(spec, c))
            .findFirst();
    if (spec.layer() == Layer.SILVER && !spec.keyColumns().isEmpty()) {
      // Silver keeps a change feed: the rows of the keys it names, within the partitions the
      // commits wrote in when those are known (so that Spark reads only them).
      return new Plan(
          spec,
          version,
          id,
          Refresh.KEYS,
          untextable.isEmpty() ? slices.orElse(List.of()) : List.of(),
          previous,
          export);
    }
    if (slices.isEmpty()) {
      return new Plan(spec, version, id, Refresh.WHOLE, List.of(), previous, export);
    }
    if (untextable.isPresent()) {
      LOG.info(
          "{}: slices replaced by {}, whose values Spark and DuckDB do not write alike: loaded whole",
          spec.name(),
          untextable.get());
      return new Plan(spec, version, id, Refresh.WHOLE, List.of(), previous, export);
    }
    return new Plan(spec, version, id, Refresh.SLICES, slices.get(), previous, export);
  }

  /**
   * Whether a column's values have the same text in Spark and DuckDB, so that slices of it can be
   * selected on both sides by their text: strings, integers, dates and booleans do; timestamps
   * (zone, precision), floating point and decimals (digits) do not.
   */
  static boolean comparableAsText(TableSpec spec, String column) {
    return spec.columns().stream()
        .filter(c -> c.name().equals(column))
        .map(ColumnSpec::type)
        .anyMatch(
            t ->
                t instanceof StringType
                    || t instanceof IntegerType
                    || t instanceof LongType
                    || t instanceof ShortType
                    || t instanceof ByteType
                    || t instanceof DateType
                    || t instanceof BooleanType);
  }

  /** The rows of the plan's slices, compared as text as in {@link #duckDbCondition}. */
  private static Column sparkCondition(List<Map<String, List<String>>> slices) {
    Column any = lit(false);
    for (Map<String, List<String>> slice : slices) {
      Column all = lit(true);
      for (Map.Entry<String, List<String>> c : slice.entrySet()) {
        all = all.and(col(c.getKey()).cast("string").isin(c.getValue().toArray()));
      }
      any = any.or(all);
    }
    return any;
  }

  /**
   * Exports, concurrently (independent small Spark jobs overlap), what each plan loads. A {@code
   * KEYS} plan whose change feed cannot be read (a table written before it had one, a range
   * vacuumed) is exported whole instead, and its plan replaced in {@code plans}.
   */
  private void export(List<Plan> plans, Path target) {
    List<Runnable> writes = new ArrayList<>();
    java.util.Set<String> noFeed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (Plan p : plans) {
      if (p.refresh() == Refresh.KEPT) {
        continue;
      }
      Dataset<Row> snapshot = tables.readAt(p.spec(), p.version());
      if (p.refresh() == Refresh.KEYS) {
        writes.add(
            () -> {
              try {
                exportChangedKeys(p, snapshot);
              } catch (RuntimeException e) {
                LOG.info(
                    "{}: its change feed from version {} cannot be read ({}): loaded whole",
                    p.spec().name(),
                    p.previous().version() + 1,
                    e.getMessage() == null
                        ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse(""));
                noFeed.add(p.spec().name());
                snapshot.write().mode("overwrite").parquet(p.export().toString());
              }
            });
        continue;
      }
      Dataset<Row> rows =
          p.refresh() == Refresh.SLICES ? snapshot.where(sparkCondition(p.slices())) : snapshot;
      writes.add(() -> rows.write().mode("overwrite").parquet(p.export().toString()));
    }
    ConcurrentWrites.run("the Parquet exports for " + target, writes);
    plans.replaceAll(
        p ->
            noFeed.contains(p.spec().name())
                ? new Plan(
                    p.spec(),
                    p.version(),
                    p.tableId(),
                    Refresh.WHOLE,
                    List.of(),
                    p.previous(),
                    p.export())
                : p);
  }

  /**
   * The keys the change feed names since the published version (both images of an update, so a row
   * that moved between partitions is deleted where it was) and the rows those keys hold now.
   */
  private void exportChangedKeys(Plan p, Dataset<Row> snapshot) {
    List<String> key = p.spec().keyColumns();
    Dataset<Row> keys =
        tables
            .changesBetween(p.spec(), p.previous().version() + 1, p.version())
            .select(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
            .distinct();
    keys.write().mode("overwrite").parquet(keysExport(p).toString());
    Dataset<Row> changed = snapshot.sparkSession().read().parquet(keysExport(p).toString());
    Dataset<Row> candidates =
        p.slices().isEmpty() ? snapshot : snapshot.where(sparkCondition(p.slices()));
    candidates
        .join(changed, scala.jdk.javaapi.CollectionConverters.asScala(key).toSeq(), "left_semi")
        .write()
        .mode("overwrite")
        .parquet(p.export().toString());
  }

  private static Path keysExport(Plan p) {
    return p.export().resolveSibling(p.export().getFileName() + ".keys");
  }

  private PublishedTable load(Handle h, Plan p) throws IOException {
    TableSpec spec = p.spec();
    String schema = spec.layer().folder();
    String qualified = qualified(spec);
    h.execute("create schema if not exists " + schema);
    String files = p.export().resolve("*.parquet").toString().replace("'", "''");
    switch (p.refresh()) {
      case WHOLE -> {
        h.execute("drop table if exists " + qualified);
        h.execute("create table " + qualified + " as select * from read_parquet('" + files + "')");
      }
      case SLICES -> {
        h.execute("delete from " + qualified + " where " + duckDbCondition(p.slices()));
        if (hasParquet(p.export())) {
          h.execute(
              "insert into " + qualified + " by name select * from read_parquet('" + files + "')");
        }
      }
      case KEYS -> {
        if (hasParquet(keysExport(p))) {
          String keyFiles = keysExport(p).resolve("*.parquet").toString().replace("'", "''");
          h.execute(
              "delete from "
                  + qualified
                  + " as t using read_parquet('"
                  + keyFiles
                  + "') as k where "
                  + spec.keyColumns().stream()
                      .map(c -> "t." + c + " = k." + c)
                      .collect(Collectors.joining(" and ")));
        }
        if (hasParquet(p.export())) {
          h.execute(
              "insert into " + qualified + " by name select * from read_parquet('" + files + "')");
        }
      }
      case KEPT -> {}
    }
    // The descriptions are set again every time: they follow the catalog, not the data.
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
    // A kept table's count was checked against its record when planned.
    long rows = p.refresh() == Refresh.KEPT ? p.previous().rows() : count(h, spec);
    return new PublishedTable(spec.name(), p.version(), rows, p.refresh());
  }

  /** The plan's slices as a DuckDB condition, with the same text comparison as the export's. */
  private static String duckDbCondition(List<Map<String, List<String>>> slices) {
    return slices.stream()
        .map(
            slice ->
                slice.entrySet().stream()
                    .map(
                        c ->
                            "cast("
                                + c.getKey()
                                + " as varchar) in ("
                                + c.getValue().stream()
                                    .map(v -> "'" + sqlText(v) + "'")
                                    .collect(Collectors.joining(", "))
                                + ")")
                    .collect(Collectors.joining(" and ", "(", ")")))
        .collect(Collectors.joining(" or "));
  }

  /** Drops what the previous file published and this publication does not. */
  private static void dropUnpublished(
      Handle h, java.util.Set<String> previouslyPublished, List<TableSpec> present) {
    java.util.Set<String> now = present.stream().map(TableSpec::name).collect(Collectors.toSet());
    for (String name : previouslyPublished) {
      if (!now.contains(name)) {
        h.execute("drop table if exists " + name);
      }
    }
  }

  private static void record(
      Handle h, List<PublishedTable> published, List<Plan> plans, Instant now) {
    h.execute("create schema if not exists ops");
    h.execute("drop table if exists ops.publication");
    h.execute(
        "create table ops.publication (table_name varchar, delta_version bigint, row_count bigint,"
            + " published_at timestamp, table_id varchar, refresh varchar)");
    h.execute(
        "comment on table ops.publication is 'one row per published table: the Delta version it"
            + " holds, its rows, when and how it was last refreshed'");
    for (int i = 0; i < published.size(); i++) {
      PublishedTable t = published.get(i);
      h.createUpdate("insert into ops.publication values (:t, :v, :n, :at, :id, :how)")
          .bind("t", t.name())
          .bind("v", t.deltaVersion())
          .bind("n", t.rows())
          .bind("at", Timestamp.from(now))
          .bind("id", plans.get(i).tableId())
          .bind("how", t.refresh().name().toLowerCase(java.util.Locale.ROOT))
          .execute();
    }
  }

  /**
   * The data dictionary, made again at each publication from the table catalog: {@code meta.tables}
   * (layer, grain, key, Delta version published, rows, when) and {@code meta.columns} (type,
   * English and Vietnamese descriptions, checks) for every published table.
   */
  private static void dictionary(
      Handle h, List<Plan> plans, List<PublishedTable> published, Instant now) {
    h.execute("create schema if not exists meta");
    h.execute("drop table if exists meta.tables");
    h.execute("drop table if exists meta.columns");
    h.execute(
        "create table meta.tables (schema_name varchar, table_name varchar, layer varchar, grain"
            + " varchar, key_columns varchar, partition_columns varchar, delta_version bigint,"
            + " row_count bigint, published_at timestamp)");
    h.execute(
        "comment on table meta.tables is 'one row per published table: what a row is, its key,"
            + " the Delta version it holds | mỗi bảng một dòng'");
    h.execute(
        "create table meta.columns (schema_name varchar, table_name varchar, column_index"
            + " integer, column_name varchar, data_type varchar, description_en varchar,"
            + " description_vi varchar, checks varchar)");
    h.execute(
        "comment on table meta.columns is 'one row per column of a published table, with its"
            + " English and Vietnamese description and its checks | mỗi cột một dòng'");
    for (int i = 0; i < plans.size(); i++) {
      TableSpec spec = plans.get(i).spec();
      PublishedTable t = published.get(i);
      h.createUpdate(
              "insert into meta.tables values (:schema, :table, :layer, :grain, :key, :parts,"
                  + " :version, :rows, :at)")
          .bind("schema", spec.layer().folder())
          .bind("table", spec.entity())
          .bind("layer", spec.layer().name().toLowerCase(java.util.Locale.ROOT))
          .bind("grain", spec.grain())
          .bind("key", String.join(", ", spec.keyColumns()))
          .bind("parts", String.join(", ", spec.partitionColumns()))
          .bind("version", t.deltaVersion())
          .bind("rows", t.rows())
          .bind("at", Timestamp.from(now))
          .execute();
      int index = 0;
      for (ColumnSpec c : spec.columns()) {
        h.createUpdate(
                "insert into meta.columns values (:schema, :table, :i, :name, :type, :en, :vi,"
                    + " :checks)")
            .bind("schema", spec.layer().folder())
            .bind("table", spec.entity())
            .bind("i", index++)
            .bind("name", c.name())
            .bind("type", c.type().simpleString())
            .bind("en", c.descriptionEn())
            .bind("vi", c.descriptionVi())
            .bind("checks", checks(spec, c))
            .execute();
      }
    }
  }

  /** The checks the catalog declares on a column, in words. */
  static String checks(TableSpec spec, ColumnSpec c) {
    List<String> out = new ArrayList<>();
    if (c.nullability() == ColumnSpec.Nullability.REQUIRED) {
      out.add("not null");
    }
    if (spec.keyColumns().equals(List.of(c.name()))) {
      out.add("unique");
    } else if (spec.keyColumns().contains(c.name())) {
      out.add("part of the unique key (" + String.join(", ", spec.keyColumns()) + ")");
    }
    return String.join("; ", out);
  }

  /** Whether the DuckDB table has the catalog's columns, in order. */
  private static boolean sameColumns(Handle h, TableSpec spec) {
    List<String> columns =
        h.createQuery(
                "select column_name from duckdb_columns() where schema_name = :s and table_name = :t"
                    + " order by column_index")
            .bind("s", spec.layer().folder())
            .bind("t", spec.entity())
            .mapTo(String.class)
            .list();
    return columns.equals(spec.columnNames());
  }

  private static long count(Handle h, TableSpec spec) {
    return h.createQuery("select count(*) from " + qualified(spec)).mapTo(Long.class).one();
  }

  private static String qualified(TableSpec spec) {
    return spec.layer().folder() + "." + spec.entity();
  }

  private static boolean hasParquet(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    }
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
