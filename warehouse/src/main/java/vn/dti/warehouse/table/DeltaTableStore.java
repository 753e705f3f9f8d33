package vn.dti.warehouse.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;

/**
 * The {@link TableStore} over Delta tables addressed by path: {@code <location>/<layer>/<entity>}.
 * Silver tables keep a change data feed so that gold jobs can recompute only what changed.
 */
public final class DeltaTableStore implements TableStore {
  private final SparkSession spark;
  private final String location;

  public DeltaTableStore(SparkSession spark, String location) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.location =
        location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }

  @Override
  public SparkSession spark() {
    return spark;
  }

  /** Where the table's files are. */
  public String path(TableSpec table) {
    return location + "/" + table.layer().folder() + "/" + table.entity();
  }

  @Override
  public String scratch(String name) {
    deleteScratch(name);
    return scratchPath(name);
  }

  @Override
  public void deleteScratch(String name) {
    String path = scratchPath(name);
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
    } catch (java.io.IOException e) {
      throw WarehouseErrors.storageFailure(
          "delete the scratch files of", name + " (" + path + ")", e);
    }
  }

  /** {@code <location>/_scratch/<name>}, with characters unsafe in a path replaced. */
  private String scratchPath(String name) {
    return location + "/_scratch/" + name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public boolean exists(TableSpec table) {
    return wrap("inspect", table, () -> DeltaTable.isDeltaTable(spark, path(table)));
  }

  /**
   * The version of the table's latest snapshot, from its log (Delta lists the commits after the
   * last checkpoint it knows; no Spark job, unlike {@code history(1)}).
   */
  @Override
  public OptionalLong version(TableSpec table) {
    return wrap(
        "read the log of",
        table,
        () -> {
          long v = snapshot(table).version();
          return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        });
  }

  /** The table's latest snapshot (version -1 when there is no table yet). */
  private org.apache.spark.sql.delta.Snapshot snapshot(TableSpec table) {
    return org.apache.spark.sql.delta.DeltaLog.forTable(spark, path(table))
        .update(false, scala.Option.empty(), scala.Option.empty());
  }

  @Override
  public Dataset<Row> read(TableSpec table) {
    if (!exists(table)) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return wrap("read", table, () -> spark.read().format("delta").load(path(table)));
  }

  @Override
  public Dataset<Row> readAt(TableSpec table, long version) {
    return wrap(
        "read",
        table,
        () -> spark.read().format("delta").option("versionAsOf", version).load(path(table)));
  }

  @Override
  public Dataset<Row> changesBetween(TableSpec table, long fromVersion, long toVersion) {
    return wrap(
        "read the change feed of",
        table,
        () ->
            spark
                .read()
                .format("delta")
                .option("readChangeFeed", "true")
                .option("startingVersion", fromVersion)
                .option("endingVersion", toVersion)
                .load(path(table))
                .drop("_change_type", "_commit_version", "_commit_timestamp"));
  }

  @Override
  public java.util.Optional<java.util.Set<String>> partitionsChanged(
      TableSpec table, long afterVersion, long upToVersion) {
    if (table.partitionColumns().size() != 1) {
      return java.util.Optional.empty();
    }
    String column = table.partitionColumns().get(0);
    return wrap(
        "read the log of",
        table,
        () -> {
          try {
            return changedValues(table, column, afterVersion, upToVersion);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private java.util.Optional<java.util.Set<String>> changedValues(
      TableSpec table, String column, long afterVersion, long upToVersion)
      throws java.io.IOException {
    java.util.Optional<List<List<JsonNode>>> commits = commits(table, afterVersion, upToVersion);
    if (commits.isEmpty()) {
      return java.util.Optional.empty();
    }
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (List<JsonNode> commit : commits.get()) {
      java.util.Optional<Map<String, java.util.TreeSet<String>>> written =
          partitionValuesWritten(commit);
      if (written.isEmpty() || !written.get().isEmpty() && !written.get().containsKey(column)) {
        return java.util.Optional.empty();
      }
      out.addAll(written.get().getOrDefault(column, new java.util.TreeSet<>()));
    }
    return java.util.Optional.of(out);
  }

  /**
   * The partition values, by column, of the files a commit added or removed with a change of data
   * (a compaction's files are left out; a commit that wrote no file gives none). Empty when such a
   * file has no partition values (an unpartitioned table) or a null one, which cannot be named as a
   * value: every partition may have changed.
   */
  private static java.util.Optional<Map<String, java.util.TreeSet<String>>> partitionValuesWritten(
      List<JsonNode> commit) {
    Map<String, java.util.TreeSet<String>> values = new java.util.TreeMap<>();
    for (JsonNode action : commit) {
      for (String kind : List.of("add", "remove")) {
        JsonNode file = action.path(kind);
        if (!action.has(kind) || !file.path("dataChange").asBoolean(true)) {
          continue;
        }
        JsonNode partition = file.path("partitionValues");
        if (!partition.isObject() || partition.isEmpty()) {
          return java.util.Optional.empty();
        }
        for (Map.Entry<String, JsonNode> v : partition.properties()) {
          if (!v.getValue().isTextual()) {
            return java.util.Optional.empty();
          }
          values
              .computeIfAbsent(v.getKey(), k -> new java.util.TreeSet<>())
              .add(v.getValue().asText());
        }
      }
    }
    return java.util.Optional.of(values);
  }

  /** The actions of each commit after {@code afterVersion}, or empty when one is no longer kept. */
  private java.util.Optional<List<List<JsonNode>>> commits(
      TableSpec table, long afterVersion, long upToVersion) throws java.io.IOException {
    List<List<JsonNode>> out = new ArrayList<>();
    for (long v = afterVersion + 1; v <= upToVersion; v++) {
      org.apache.hadoop.fs.Path commit =
          new org.apache.hadoop.fs.Path(
              path(table) + "/_delta_log/" + String.format(java.util.Locale.ROOT, "%020d.json", v));
      org.apache.hadoop.fs.FileSystem fs =
          commit.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(commit)) {
        return java.util.Optional.empty();
      }
      List<JsonNode> actions = new ArrayList<>();
      try (var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  fs.open(commit), java.nio.charset.StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isBlank()) {
            actions.add(JSON.readTree(line));
          }
        }
      }
      out.add(actions);
    }
    return java.util.Optional.of(out);
  }

  /** The table's id, from its latest snapshot's metadata (no Spark job). */
  @Override
  public String tableId(TableSpec table) {
    return wrap("read the metadata of", table, () -> snapshot(table).metadata().id());
  }

  @Override
  public java.util.Optional<List<Map<String, List<String>>>> slicesReplaced(
      TableSpec table, long afterVersion, long upToVersion) {
    return wrap(
        "read the log of",
        table,
        () -> {
          try {
            java.util.Optional<List<List<JsonNode>>> commits =
                commits(table, afterVersion, upToVersion);
            if (commits.isEmpty()) {
              return java.util.Optional.empty();
            }
            List<Map<String, List<String>>> out = new ArrayList<>();
            for (List<JsonNode> commit : commits.get()) {
              java.util.Optional<java.util.Optional<Map<String, List<String>>>> slice =
                  sliceOf(commit);
              if (slice.isPresent()) {
                slice.get().ifPresent(out::add);
                continue;
              }
              java.util.Optional<Map<String, List<String>>> partitions = partitionsTouched(commit);
              if (partitions.isEmpty()) {
                return java.util.Optional.empty();
              }
              out.add(partitions.get());
            }
            return java.util.Optional.of(out);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Override
  public OptionalLong rowsWrittenReplacing(TableSpec table, Map<String, List<String>> slice) {
    return wrap(
        "read the log of",
        table,
        () -> {
          OptionalLong latest = version(table);
          if (latest.isEmpty()) {
            return OptionalLong.empty();
          }
          try {
            java.util.Optional<List<List<JsonNode>>> commit =
                commits(table, latest.getAsLong() - 1, latest.getAsLong());
            if (commit.isEmpty()
                || sliceOf(commit.get().get(0)).flatMap(s -> s).filter(slice::equals).isEmpty()) {
              return OptionalLong.empty();
            }
            for (JsonNode action : commit.get().get(0)) {
              JsonNode rows =
                  action.path("commitInfo").path("operationMetrics").path("numOutputRows");
              if (rows.isTextual() || rows.isNumber()) {
                return OptionalLong.of(Long.parseLong(rows.asText()));
              }
            }
            return OptionalLong.empty();
          } catch (java.io.IOException | NumberFormatException e) {
            return OptionalLong.empty();
          }
        });
  }

  /**
   * What one commit did: a replaced slice (from the user metadata {@link #replaceWhere} records),
   * nothing (no row changed), or empty when it did something else.
   */
  private static java.util.Optional<java.util.Optional<Map<String, List<String>>>> sliceOf(
      List<JsonNode> commit) {
    boolean changedRows = false;
    String userMetadata = null;
    for (JsonNode action : commit) {
      if (action.has("metaData")) {
        return java.util.Optional.empty();
      }
      for (String kind : List.of("add", "remove")) {
        if (action.has(kind) && action.path(kind).path("dataChange").asBoolean(true)) {
          changedRows = true;
        }
      }
      if (action.path("commitInfo").path("userMetadata").isTextual()) {
        userMetadata = action.path("commitInfo").path("userMetadata").asText();
      }
    }
    if (!changedRows) {
      return java.util.Optional.of(java.util.Optional.empty());
    }
    if (userMetadata == null) {
      return java.util.Optional.empty();
    }
    try {
      JsonNode replaced = JSON.readTree(userMetadata).path(REPLACED);
      if (!replaced.isObject() || replaced.isEmpty()) {
        return java.util.Optional.empty();
      }
      Map<String, List<String>> slice = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : replaced.properties()) {
        List<String> values = new ArrayList<>();
        field.getValue().forEach(v -> values.add(v.asText()));
        slice.put(field.getKey(), List.copyOf(values));
      }
      return java.util.Optional.of(java.util.Optional.of(slice));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The partitions in which a commit that recorded no replaced slice (an append, a merge, a delete)
   * added or removed files, as one slice: every row of the table outside it is as it was. Empty
   * when the commit changed the table's metadata or a file without partition values (an
   * unpartitioned table), or a partition value is null: the caller then takes the whole table.
   */
  private static java.util.Optional<Map<String, List<String>>> partitionsTouched(
      List<JsonNode> commit) {
    if (commit.stream().anyMatch(action -> action.has("metaData"))) {
      return java.util.Optional.empty();
    }
    // With several partition columns the slice (each column IN its values) may hold partitions
    // the commit did not touch: they are reloaded as they are, never fewer than were touched.
    return partitionValuesWritten(commit)
        .filter(values -> !values.isEmpty())
        .map(
            values -> {
              Map<String, List<String>> slice = new java.util.LinkedHashMap<>();
              values.forEach((column, vs) -> slice.put(column, List.copyOf(vs)));
              return slice;
            });
  }

  /** The key of the replaced slice in a commit's user metadata. */
  private static final String REPLACED = "replaced";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The user metadata recorded with a replaceWhere commit: the slice it replaced. */
  private static String replacedMetadata(Map<String, List<String>> conditions) {
    try {
      return JSON.writeValueAsString(Map.of(REPLACED, conditions));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Maintenance compact(TableSpec table) {
    return wrap(
        "compact",
        table,
        () -> {
          long before = fileCount(table);
          DeltaTable.forPath(spark, path(table)).optimize().executeCompaction();
          return new Maintenance(before, fileCount(table));
        });
  }

  @Override
  public List<String> storedPartitioning(TableSpec table) {
    return wrap(
        "read the metadata of",
        table,
        () -> {
          org.apache.spark.sql.delta.Snapshot s = snapshot(table);
          return s.version() < 0
              ? List.of()
              : List.copyOf(
                  scala.jdk.javaapi.CollectionConverters.asJava(s.metadata().partitionColumns()));
        });
  }

  /** Delta's table property naming the columns it collects file statistics on. */
  static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  @Override
  public boolean alignStatistics(TableSpec table) {
    if (!exists(table)) {
      return false;
    }
    return wrap(
        "set the statistics columns of",
        table,
        () -> {
          scala.Option<String> stored =
              snapshot(table).metadata().configuration().get(STATS_COLUMNS);
          String wanted = String.join(",", table.statsColumns());
          if (wanted.equals(stored.isDefined() ? stored.get() : "")) {
            return false;
          }
          String target = "delta.`" + path(table).replace("`", "``") + "`";
          spark.sql(
              wanted.isEmpty()
                  ? "ALTER TABLE " + target + " UNSET TBLPROPERTIES ('" + STATS_COLUMNS + "')"
                  : "ALTER TABLE "
                      + target
                      + " SET TBLPROPERTIES ('"
                      + STATS_COLUMNS
                      + "' = '"
                      + wanted
                      + "')");
          return true;
        });
  }

  @Override
  public boolean repartition(TableSpec table) {
    if (!exists(table) || storedPartitioning(table).equals(table.partitionColumns())) {
      return false;
    }
    wrap(
        "repartition",
        table,
        () -> {
          // Delta reads the current version's files and replaces them in one commit.
          spark
              .read()
              .format("delta")
              .load(path(table))
              .write()
              .format("delta")
              .mode("overwrite")
              .option("overwriteSchema", "true")
              .partitionBy(table.partitionColumns().toArray(String[]::new))
              .save(path(table));
          return null;
        });
    return true;
  }

  @Override
  public long vacuum(TableSpec table, java.time.Duration retention) {
    return wrap(
        "vacuum",
        table,
        () -> {
          double hours = retention.toMinutes() / 60.0;
          String sql = "vacuum delta.`" + path(table).replace("`", "``") + "` retain " + hours;
          // Delta refuses a retention below its 7-day safety margin unless told it is intended;
          // the configured value is the operator's decision.
          String check = "spark.databricks.delta.retentionDurationCheck.enabled";
          // Vacuum lists files with this many tasks (10,000 by default): far too many for a
          // nightly warehouse on a few cores, where each task is a few milliseconds of work.
          String listing = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
          String previousCheck = spark.conf().get(check, "true");
          String previousListing = spark.conf().get(listing, "10000");
          spark.conf().set(check, String.valueOf(hours >= 168));
          spark.conf().set(listing, spark.conf().get("spark.sql.shuffle.partitions", "4"));
          try {
            long doomed = spark.sql(sql + " hours dry run").count();
            spark.sql(sql + " hours").collect();
            return doomed;
          } finally {
            spark.conf().set(check, previousCheck);
            spark.conf().set(listing, previousListing);
          }
        });
  }

  private long fileCount(TableSpec table) {
    return spark
        .sql("describe detail delta.`" + path(table).replace("`", "``") + "`")
        .select("numFiles")
        .head()
        .getLong(0);
  }

  @Override
  public void createIfMissing(TableSpec table) {
    if (exists(table)) {
      return;
    }
    wrap(
        "create",
        table,
        () -> {
          io.delta.tables.DeltaTableBuilder builder =
              DeltaTable.createIfNotExists(spark)
                  .location(path(table))
                  .addColumns(table.schema())
                  .partitionedBy(table.partitionColumns().toArray(String[]::new))
                  .property(
                      "delta.enableChangeDataFeed", String.valueOf(table.layer() == Layer.SILVER))
                  .property("delta.appendOnly", String.valueOf(table.layer() == Layer.BRONZE));
          if (!table.statsColumns().isEmpty()) {
            builder = builder.property(STATS_COLUMNS, String.join(",", table.statsColumns()));
          }
          builder.execute();
          return null;
        });
  }

  @Override
  public void overwrite(TableSpec table, Dataset<Row> rows) {
    write("overwrite", table, rows, "overwrite", Map.of());
  }

  @Override
  public void replaceWhere(TableSpec table, Dataset<Row> rows, String column, List<String> values) {
    requireColumn(table, column);
    if (!values.isEmpty()) {
      write(
          "rewrite part of",
          table,
          rows,
          "overwrite",
          Map.of(
              "replaceWhere",
              inPredicate(column, values),
              "userMetadata",
              replacedMetadata(Map.of(column, values))));
    }
  }

  @Override
  public void replaceWhere(
      TableSpec table, Dataset<Row> rows, Map<String, List<String>> conditions) {
    if (conditions.isEmpty() || conditions.values().stream().anyMatch(List::isEmpty)) {
      return;
    }
    List<String> predicates = new ArrayList<>();
    conditions.forEach(
        (column, values) -> {
          requireColumn(table, column);
          predicates.add(inPredicate(column, values));
        });
    write(
        "rewrite part of",
        table,
        rows,
        "overwrite",
        Map.of(
            "replaceWhere",
            String.join(" AND ", predicates),
            "userMetadata",
            replacedMetadata(new java.util.TreeMap<>(conditions))));
  }

  @Override
  public void append(TableSpec table, Dataset<Row> rows) {
    write("append to", table, rows, "append", Map.of());
  }

  /**
   * Checks rows against the catalog, creates the table if needed, and writes them in one commit.
   */
  private void write(
      String action, TableSpec table, Dataset<Row> rows, String mode, Map<String, String> options) {
    Dataset<Row> conformed = conform(table, rows);
    createIfMissing(table);
    wrap(
        action,
        table,
        () -> {
          conformed.write().format("delta").mode(mode).options(options).save(path(table));
          return null;
        });
  }

  @Override
  public void upsert(
      TableSpec table,
      Dataset<Row> rows,
      String updateCondition,
      String pruneColumn,
      List<String> pruneValues) {
    if (table.keyColumns().isEmpty()) {
      throw new IllegalArgumentException(table.name() + " has no key columns to upsert by");
    }
    requireColumn(table, pruneColumn);
    Dataset<Row> conformed = conform(table, rows);
    createIfMissing(table);
    List<String> conditions = new ArrayList<>();
    table.keyColumns().forEach(k -> conditions.add("t." + k + " = s." + k));
    if (!pruneValues.isEmpty()) {
      conditions.add(inPredicate("t." + pruneColumn, pruneValues));
    }
    String on = String.join(" AND ", conditions);
    wrap(
        "merge into",
        table,
        () -> {
          DeltaTable.forPath(spark, path(table))
              .as("t")
              .merge(conformed.as("s"), on)
              .whenMatched(updateCondition)
              .updateAll()
              .whenNotMatched()
              .insertAll()
              .execute();
          return null;
        });
  }

  /**
   * Checks {@code rows} against the catalog and returns them in catalog column order. Column names
   * must match exactly and types must be equal; anything else is a defect of the producing job.
   */
  public static Dataset<Row> conform(TableSpec table, Dataset<Row> rows) {
    StructType actual = rows.schema();
    List<String> problems = new ArrayList<>();
    for (StructField expected : table.schema().fields()) {
      int i = indexOf(actual, expected.name());
      if (i < 0) {
        problems.add("missing column " + expected.name());
      } else if (!actual.fields()[i].dataType().sameType(expected.dataType())) {
        problems.add(
            "column "
                + expected.name()
                + " is "
                + actual.fields()[i].dataType().simpleString()
                + ", expected "
                + expected.dataType().simpleString());
      }
    }
    for (StructField f : actual.fields()) {
      if (table.column(f.name()).isEmpty()) {
        problems.add("unexpected column " + f.name());
      }
    }
    if (!problems.isEmpty()) {
      throw WarehouseErrors.schemaMismatch(table.name(), String.join("; ", problems));
    }
    Column[] ordered = table.columnNames().stream().map(functions::col).toArray(Column[]::new);
    return rows.select(ordered);
  }

  private static int indexOf(StructType schema, String name) {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static void requireColumn(TableSpec table, String column) {
    if (table.column(column).isEmpty()) {
      throw new IllegalArgumentException(table.name() + " has no column " + column);
    }
  }

  /** {@code column IN ('a', 'b')} with each value quoted as a SQL string literal. */
  static String inPredicate(String column, List<String> values) {
    return column
        + " IN ("
        + values.stream().map(DeltaTableStore::literal).collect(Collectors.joining(", "))
        + ")";
  }

  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private <T> T wrap(String action, TableSpec table, Supplier<T> body) {
    try {
      return body.get();
    } catch (vn.dti.warehouse.WarehouseException e) {
      throw e;
    } catch (RuntimeException e) {
      throw WarehouseErrors.storageFailure(action, table.name() + " (" + path(table) + ")", e);
    }
  }
}
