package vn.dti.etl.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dti.etl.bronze.BatchRegistry;
import vn.dti.etl.quality.QualityCheck;
import vn.dti.etl.quality.QualityRule;
import vn.dti.etl.quality.QualityRules;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.table.ConcurrentWrites;

/**
 * The accounting every silver job closes its batches with: per batch, records read must equal
 * accepted + quarantined + collapsed duplicates, or the step fails and the batches stay
 * unprocessed; otherwise the counts are written to {@code ops.batch} and the batches marked
 * processed.
 */
public final class BatchAccounting {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(BatchAccounting.class);

  /** Dispositions of a bronze record. */
  public static final String ACCEPTED = "ACCEPTED";

  public static final String QUARANTINED = "QUARANTINED";
  public static final String DUPLICATE = "DUPLICATE";

  private BatchAccounting() {}

  /** The shipped quality rules, parsed once and checked against the catalog once per JVM. */
  private static final class Rules {
    static final QualityRules STANDARD = QualityRules.standard();
    private static volatile boolean validated;

    static void validateOnce(org.apache.spark.sql.SparkSession spark) {
      if (!validated) {
        QualityCheck.validate(spark, STANDARD);
        validated = true;
      }
    }
  }

  /**
   * How one source's pending batches become a silver table.
   *
   * @param source the batches' source in {@code ops.batch}
   * @param classify bronze rows → one classified row per bronze row (disposition, reason, silver
   *     columns)
   * @param key the silver table's key column
   * @param version the column whose larger value wins (a MERGE updates only to a newer version)
   * @param partition the silver table's partition column
   * @param prunePartitions whether the MERGE may look only at the partitions of the new rows (true
   *     when a key never changes partition)
   */
  public record SilverLoad(
      String source,
      TableSpec bronze,
      TableSpec silver,
      TableSpec quarantine,
      java.util.function.UnaryOperator<Dataset<Row>> classify,
      String key,
      String version,
      String partition,
      boolean prunePartitions,
      List<ChildTable> children) {
    public SilverLoad {
      children = List.copyOf(children);
      if (!children.isEmpty() && !prunePartitions) {
        throw new IllegalArgumentException(
            silver.name() + ": child tables need a partition the key never leaves");
      }
    }

    /** A load without child tables. */
    public SilverLoad(
        String source,
        TableSpec bronze,
        TableSpec silver,
        TableSpec quarantine,
        java.util.function.UnaryOperator<Dataset<Row>> classify,
        String key,
        String version,
        String partition,
        boolean prunePartitions) {
      this(
          source,
          bronze,
          silver,
          quarantine,
          classify,
          key,
          version,
          partition,
          prunePartitions,
          List.of());
    }
  }

  /**
   * A silver table holding one of the entity's nested lists (a dossier's status history, say). It
   * shares the entity's key and partition column; whenever a version of an entity wins in silver,
   * its child rows are replaced by those of the winning version.
   *
   * @param table the child table
   * @param rows winning classified rows (silver columns plus the parsed source {@code j}) → the
   *     child rows, in the table's columns
   */
  public record ChildTable(TableSpec table, java.util.function.UnaryOperator<Dataset<Row>> rows) {}

  /**
   * Processes every ingested, not yet processed batch of a source: classifies its bronze rows,
   * merges the latest accepted version of each key into silver, rewrites the batches' quarantine
   * rows, then reconciles and marks the batches processed.
   */
  public static vn.dti.warehouse.job.StepResult process(JobContext ctx, SilverLoad load) {
    BatchRegistry registry = new BatchRegistry(ctx.tables());
    List<Row> pending =
        new ArrayList<>(registry.inStatus(load.source(), BatchRegistry.INGESTED).collectAsList());
    vn.dti.warehouse.job.InputVersions inputs =
        vn.dti.warehouse.job.InputVersions.current(ctx.tables(), load.bronze(), Tables.SILVER_UNIT);
    if (pending.isEmpty()) {
      ctx.tables().createIfMissing(load.silver());
      return vn.dti.warehouse.job.StepResult.done(
          StepCounts.derived(0, 0, "no new batches"),
          inputs,
          vn.dti.warehouse.job.InputVersions.current(ctx.tables(), load.silver()));
    }
    // In business-day order, so that a backfill's chunks follow time.
    pending.sort(
        java.util.Comparator.comparing(
                (Row r) -> r.<java.sql.Date>getAs("business_date"),
                java.util.Comparator.nullsFirst(java.util.Comparator.<java.sql.Date>naturalOrder()))
            .thenComparing(r -> r.<String>getAs("source_file")));
    List<QualityRule> rules = Rules.STANDARD.forTable(load.silver());
    Rules.validateOnce(ctx.spark());
    List<List<Row>> chunks = chunks(pending, CHUNK_RECORDS);
    long read = 0;
    long accepted = 0;
    long quarantined = 0;
    long duplicate = 0;
    long written = 0;
    for (int i = 0; i < chunks.size(); i++) {
      List<Row> chunk = chunks.get(i);
      if (chunks.size() > 1) {
        LOG.info(
            "{}: chunk {} of {}: {} batch(es), {} record(s)",
            load.silver().name(),
            i + 1,
            chunks.size(),
            chunk.size(),
            chunk.stream().mapToLong(r -> r.<Long>getAs("records_read")).sum());
      }
      StepCounts c = processChunk(ctx, load, chunk, rules);
      read += c.read();
      accepted += c.accepted();
      quarantined += c.quarantined();
      duplicate += c.duplicate();
      written += c.written();
    }
    return vn.dti.warehouse.job.StepResult.done(
        new StepCounts(
            read,
            accepted,
            quarantined,
            duplicate,
            written,
            pending.size()
                + " batch(es)"
                + (chunks.size() > 1 ? " in " + chunks.size() + " chunks" : "")),
        inputs,
        vn.dti.warehouse.job.InputVersions.current(ctx.tables(), load.silver()));
  }

  /**
   * Records processed together at most (a batch larger than that is a chunk of its own): enough to
   * keep a nightly run to one chunk, few enough that a backfill of a year at SF 1 (4 M portal
   * lines) fits a 4 GB heap. The result does not depend on the chunking: each chunk merges only
   * strictly newer versions.
   */
  static final long CHUNK_RECORDS = 500_000;

  /** Consecutive batches grouped so that each group reads at most {@code limit} records. */
  static List<List<Row>> chunks(List<Row> batches, long limit) {
    List<List<Row>> out = new ArrayList<>();
    List<Row> current = new ArrayList<>();
    long records = 0;
    for (Row b : batches) {
      long n = b.<Long>getAs("records_read");
      if (!current.isEmpty() && records + n > limit) {
        out.add(current);
        current = new ArrayList<>();
        records = 0;
      }
      current.add(b);
      records += n;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** One chunk of pending batches: classify, merge, children, quarantine, quality, settle. */
  private static StepCounts processChunk(
      JobContext ctx, SilverLoad load, List<Row> pending, List<QualityRule> rules) {
    List<String> ids = pending.stream().map(r -> r.<String>getAs("batch_id")).toList();
    Dataset<Row> bronze =
        ctx.tables().read(load.bronze()).where(col("_batch_id").isin(ids.toArray()));
    Dataset<Row> classified =
        QualityCheck.apply(load.classify().apply(bronze), rules)
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> latest =
        latestAcceptedRows(classified, load.key(), load.version())
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      long start = System.nanoTime();
      Dataset<Row> accepted = select(latest, load.silver());
      List<String> partitions =
          load.prunePartitions()
              ? accepted.select(load.partition()).distinct().collectAsList().stream()
                  .map(r -> String.valueOf(r.get(0)))
                  .sorted()
                  .toList()
              : List.of();
      ctx.tables()
          .upsert(
              load.silver(),
              accepted,
              "s." + load.version() + " > t." + load.version(),
              load.partition(),
              partitions);
      long written = accepted.count();
      long merged = System.nanoTime();
      if (!load.children().isEmpty()) {
        replaceChildren(ctx, load, latest, partitions);
      }
      long children = System.nanoTime();
      ctx.tables()
          .replaceWhere(
              load.quarantine(), quarantined(classified, load.quarantine()), "_batch_id", ids);
      // One pass for the batch counts and the quality results; the results are recorded before
      // the batches are marked processed, so a processed batch always has them.
      Map<String, Row> byBatch = countsByBatch(classified, QualityCheck.aggregates(rules));
      List<Row> quality =
          QualityCheck.results(
              List.copyOf(byBatch.values()), rules, ctx.runId(), ctx.clock().instant());
      if (!quality.isEmpty()) {
        ctx.tables()
            .append(
                Tables.OPS_QUALITY_RESULT,
                ctx.spark().createDataFrame(quality, Tables.OPS_QUALITY_RESULT.schema()));
      }
      StepCounts counts = settle(ctx, pending, byBatch, written);
      long end = System.nanoTime();
      LOG.info(
          "{}: {} record(s) classified and merged in {} s, child tables {} s, quarantine and"
              + " accounting {} s",
          load.silver().name(),
          counts.read(),
          seconds(merged - start),
          seconds(children - merged),
          seconds(end - children));
      return counts;
    } finally {
      latest.unpersist();
      classified.unpersist();
    }
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }

  /**
   * Brings the child rows of the entities whose version from these batches is now the one in silver
   * (a version older than the stored one changes nothing) to those of that version, each child
   * table in one commit. When every row the table holds for those entities is still in their new
   * lists, unchanged at the same position (the usual case: a status history that grew, a result
   * that was added), only the new positions are appended, and a kept row keeps the version that
   * first delivered it in its lineage columns. Otherwise the touched partitions are rewritten with
   * those entities' new rows and everybody else's old rows. Safe to repeat: after a crash, the
   * winners are found again by their record hash, and rows already appended are not appended again.
   */
  private static void replaceChildren(
      JobContext ctx, SilverLoad load, Dataset<Row> latest, List<String> partitions) {
    Dataset<Row> stored =
        ctx.tables()
            .read(load.silver())
            .where(col(load.partition()).isin(partitions.toArray()))
            .select(load.key(), "_batch_id", "_record_hash");
    Dataset<Row> winners =
        latest
            .join(stored, scalaSeq(load.key(), "_batch_id", "_record_hash"), "left_semi")
            .localCheckpoint();
    // Only the partitions of versions that won: a batch of stale versions rewrites nothing.
    List<String> touched =
        winners.select(load.partition()).distinct().collectAsList().stream()
            .map(r -> String.valueOf(r.get(0)))
            .sorted()
            .toList();
    LOG.info(
        "{}: child tables of {} partition(s) {}",
        load.silver().name(),
        touched.size(),
        touched.size() <= 6 ? touched : touched.subList(0, 6) + "…");
    // The child tables are independent: written concurrently (mostly commit latency), each in one
    // commit. If one fails, the batches stay unprocessed and the next run writes all of them.
    List<Runnable> writes = new ArrayList<>();
    for (ChildTable child : load.children()) {
      if (touched.isEmpty()) {
        ctx.tables().createIfMissing(child.table());
        continue;
      }
      writes.add(() -> writeChild(ctx, load, child, winners, touched));
    }
    ConcurrentWrites.run("the child tables of " + load.silver(), writes);
  }

  /** One child table's part of {@link #replaceChildren}: an append when it can, else a rewrite. */
  private static void writeChild(
      JobContext ctx,
      SilverLoad load,
      ChildTable child,
      Dataset<Row> winners,
      List<String> touched) {
    TableSpec table = child.table();
    Dataset<Row> fresh = select(child.rows().apply(winners), table);
    Dataset<Row> inTouched =
        ctx.tables().read(table).where(col(load.partition()).isin(touched.toArray()));
    // The winners' stored rows: a few per changed entity, read once from the touched partitions.
    Dataset<Row> winnersRows =
        inTouched
            .join(winners.select(load.key()), scalaSeq(load.key()), "left_semi")
            .localCheckpoint();
    // Is there a stored row of a winner that its new list no longer has, as it is, at its
    // position? The lineage columns (the version and its batch) do not count: they say where a row
    // came from, not what it is.
    Column same = null;
    for (String c : table.columnNames()) {
      if (c.equals(load.version()) || c.equals("_batch_id")) {
        continue;
      }
      Column s = col("s." + c);
      Column f = col("f." + c);
      Column eq = table.keyColumns().contains(c) ? s.equalTo(f) : s.eqNullSafe(f);
      same = same == null ? eq : same.and(eq);
    }
    boolean onlyGrew = winnersRows.as("s").join(fresh.as("f"), same, "left_anti").isEmpty();
    scala.collection.immutable.Seq<String> keys =
        scalaSeq(table.keyColumns().toArray(String[]::new));
    if (onlyGrew) {
      // Computed twice (the test, the write) rather than held: a backfill's chunk adds millions.
      Dataset<Row> storedKeys =
          winnersRows.select(table.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new));
      Dataset<Row> added = select(fresh.join(storedKeys, keys, "left_anti"), table);
      if (!added.isEmpty()) {
        ctx.tables().append(table, added);
      }
      return;
    }
    Dataset<Row> kept =
        inTouched.join(winners.select(load.key()), scalaSeq(load.key()), "left_anti");
    ctx.tables()
        .replaceWhere(table, select(kept, table).unionByName(fresh), load.partition(), touched);
    LOG.info(
        "{}: stored rows of the new versions changed or went away: partition(s) {} rewritten",
        table.name(),
        touched);
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toList();
  }

  private static Dataset<Row> select(Dataset<Row> rows, TableSpec table) {
    return rows.select(table.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Numbers the copies of each record within its batch ({@code _copy}: 1 for the first, more for
   * exact duplicates, which have the same SHA-256).
   */
  public static Dataset<Row> numberCopies(Dataset<Row> bronze) {
    return bronze.withColumn(
        "_copy",
        row_number()
            .over(Window.partitionBy("_batch_id", "_record_hash").orderBy(col("_source_file"))));
  }

  /**
   * The first copy of each record with its JSON parsed into {@code j}: every field as text (so that
   * parsing decides, nothing is coerced), plus {@code _corrupt_record} when the text is not a JSON
   * object.
   */
  public static Dataset<Row> parseFirstCopies(Dataset<Row> numbered, List<String> fields) {
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType();
    for (String f : fields) {
      schema = schema.add(f, DataTypes.StringType, true);
    }
    schema = schema.add("_corrupt_record", DataTypes.StringType, true);
    return numbered
        .where(col("_copy").equalTo(1))
        .withColumn(
            "j",
            org.apache.spark.sql.functions.from_json(
                col("raw_record"),
                schema,
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", "_corrupt_record")));
  }

  /** The second and later copies, as classified rows with disposition DUPLICATE. */
  public static Dataset<Row> duplicates(Dataset<Row> numbered) {
    return numbered
        .where(col("_copy").gt(1))
        .select(
            col("_batch_id"),
            col("_source_file"),
            col("_record_hash"),
            col("raw_record"),
            lit(DUPLICATE).as("disposition"),
            lit(null).cast(DataTypes.StringType).as("reason_code"),
            lit(null).cast(DataTypes.StringType).as("reason_detail"));
  }

  /**
   * The accepted rows reduced to the latest version per {@code key} (by {@code versionColumn}, ties
   * broken by batch and hash), in {@code table}'s columns.
   */
  public static Dataset<Row> latestAccepted(
      Dataset<Row> classified, TableSpec table, String key, String versionColumn) {
    return select(latestAcceptedRows(classified, key, versionColumn), table);
  }

  /** The latest accepted version per key, with every classified column. */
  private static Dataset<Row> latestAcceptedRows(
      Dataset<Row> classified, String key, String versionColumn) {
    return classified
        .where(col("disposition").equalTo(ACCEPTED))
        .withColumn(
            "_latest",
            row_number()
                .over(
                    Window.partitionBy(key)
                        .orderBy(
                            col(versionColumn).desc(),
                            col("_batch_id").desc(),
                            col("_record_hash"))))
        .where(col("_latest").equalTo(1))
        .drop("_latest");
  }

  /** The quarantined rows, in {@code table}'s columns. */
  public static Dataset<Row> quarantined(Dataset<Row> classified, TableSpec table) {
    return classified
        .where(col("disposition").equalTo(QUARANTINED))
        .select(table.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Per batch: records, accepted, quarantined, duplicates (column {@code disposition}). */
  public static Dataset<Row> countsByBatch(Dataset<Row> classified) {
    return countsByBatch(classified.groupBy("_batch_id"), List.of());
  }

  private static Dataset<Row> countsByBatch(
      org.apache.spark.sql.RelationalGroupedDataset grouped, List<Column> more) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(when(col("disposition").equalTo(ACCEPTED), 1L).otherwise(0L)).as("accepted"));
    aggs.add(
        sum(when(col("disposition").equalTo(QUARANTINED), 1L).otherwise(0L)).as("quarantined"));
    aggs.add(sum(when(col("disposition").equalTo(DUPLICATE), 1L).otherwise(0L)).as("duplicate"));
    aggs.addAll(more);
    return grouped.agg(count(lit(1)).as("records"), aggs.toArray(Column[]::new));
  }

  /** The batch counts plus {@code more} aggregates, collected by batch id (one Spark job). */
  private static Map<String, Row> countsByBatch(Dataset<Row> classified, List<Column> more) {
    Map<String, Row> out = new HashMap<>();
    countsByBatch(classified.groupBy("_batch_id"), more)
        .collectAsList()
        .forEach(r -> out.put(r.getAs("_batch_id"), r));
    return out;
  }

  /**
   * Reconciles the pending batches against their classified records and marks them processed.
   *
   * @return the step's counts
   * @throws WarehouseException naming every batch that does not reconcile
   */
  public static StepCounts settle(
      JobContext ctx, List<Row> pending, Dataset<Row> classified, long written) {
    return settle(ctx, pending, countsByBatch(classified, List.of()), written);
  }

  /** {@link #settle(JobContext, List, Dataset, long)} on counts already collected by batch. */
  static StepCounts settle(
      JobContext ctx, List<Row> pending, Map<String, Row> counts, long written) {
    long read = 0;
    long acc = 0;
    long quar = 0;
    long dup = 0;
    List<String> unreconciled = new ArrayList<>();
    for (Row b : pending) {
      String id = b.getAs("batch_id");
      long expected = b.<Long>getAs("records_read");
      Row c = counts.get(id);
      long a = c == null ? 0 : c.<Long>getAs("accepted");
      long q = c == null ? 0 : c.<Long>getAs("quarantined");
      long d = c == null ? 0 : c.<Long>getAs("duplicate");
      if (expected != a + q + d) {
        unreconciled.add(
            b.getAs("source_file") + " (read " + expected + ", accounted " + (a + q + d) + ")");
      }
      read += expected;
      acc += a;
      quar += q;
      dup += d;
    }
    if (!unreconciled.isEmpty()) {
      throw new WarehouseException(
          "Batches do not reconcile between bronze and silver: "
              + String.join(", ", unreconciled)
              + "; they stay unprocessed. Report this with the run id "
              + ctx.runId());
    }
    markProcessed(ctx, pending, counts);
    return new StepCounts(read, acc, quar, dup, written, pending.size() + " batch(es)");
  }

  private static void markProcessed(JobContext ctx, List<Row> pending, Map<String, Row> counts) {
    List<Row> rows = new ArrayList<>();
    for (Row b : pending) {
      Row c = counts.get(b.<String>getAs("batch_id"));
      Object[] v = new Object[b.length()];
      for (int i = 0; i < b.length(); i++) {
        v[i] = b.get(i);
      }
      StructType s = b.schema();
      v[s.fieldIndex("status")] = BatchRegistry.PROCESSED;
      v[s.fieldIndex("records_accepted")] = c == null ? 0L : c.getAs("accepted");
      v[s.fieldIndex("records_quarantined")] = c == null ? 0L : c.getAs("quarantined");
      v[s.fieldIndex("records_duplicate")] = c == null ? 0L : c.getAs("duplicate");
      v[s.fieldIndex("process_run_id")] = ctx.runId();
      rows.add(RowFactory.create(v));
    }
    new BatchRegistry(ctx.tables())
        .upsert(ctx.spark().createDataFrame(rows, Tables.OPS_BATCH.schema()));
  }
}
