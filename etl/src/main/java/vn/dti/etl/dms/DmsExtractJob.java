package vn.dti.etl.dms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.dti.etl.bronze.BatchRegistry;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepResult;

/**
 * Extracts the document-management tables over JDBC into {@code bronze.dms_document},
 * incrementally: each table is read from its watermark in {@code ops.watermark} (the largest {@code
 * ngay_cap_nhat} extracted so far) up to the largest value present now, in parallel partitions of
 * the id range. A batch is the table plus its watermark range, so an interrupted run resumes
 * without extracting a range twice. Each row is stored as the JSON PostgreSQL's {@code row_to_json}
 * writes: the record exactly as the source holds it.
 */
public final class DmsExtractJob {
  public static final String STEP = Tables.BRONZE_DMS_DOCUMENT.name();
  public static final String SOURCE = "dms";

  /** The extracted tables: outgoing and incoming documents. */
  public static final List<String> TABLES = List.of("van_ban_di", "van_ban_den");

  private static final DateTimeFormatter SQL_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private DmsExtractJob() {}

  /** What a table holds beyond its watermark. */
  record Probe(long rows, long minId, long maxId, LocalDateTime highWatermark) {}

  /** Extracts every change up to now. */
  public static StepResult run(JobContext ctx, DmsConnection dms) {
    return run(ctx, dms, Optional.empty(), Retry.standard());
  }

  /**
   * Extracts the changes made before {@code until} (exclusive; empty: up to now), so that loading a
   * past business day does not take the rows changed after it.
   */
  public static StepResult run(JobContext ctx, DmsConnection dms, Optional<LocalDateTime> until) {
    return run(ctx, dms, until, Retry.standard());
  }

  static StepResult run(JobContext ctx, DmsConnection dms, Retry retry) {
    return run(ctx, dms, Optional.empty(), retry);
  }

  static StepResult run(
      JobContext ctx, DmsConnection dms, Optional<LocalDateTime> until, Retry retry) {
    long extracted = 0;
    List<String> parts = new ArrayList<>();
    for (String table : TABLES) {
      String entity = dms.schema() + "." + table;
      Optional<LocalDateTime> from = watermark(ctx, entity);
      Probe probe =
          retry.run(
              "reading the extent of " + entity,
              dms.safeUrl(),
              () -> probe(dms, entity, from, until));
      if (probe.rows() == 0) {
        parts.add(table + " up to date");
        continue;
      }
      String range =
          entity
              + " ("
              + from.map(t -> t.toString()).orElse("start")
              + ", "
              + probe.highWatermark()
              + "]";
      String batchId = SOURCE + ":" + sha256(range);
      BatchRegistry registry = new BatchRegistry(ctx.tables());
      boolean inBronze =
          !ctx.tables()
              .read(Tables.BRONZE_DMS_DOCUMENT)
              .where(col("_batch_id").equalTo(batchId))
              .limit(1)
              .isEmpty();
      if (!inBronze) {
        Dataset<Row> rows = bronze(ctx, dms, entity, from, probe, batchId, range);
        retry.run(
            "extracting " + entity,
            dms.safeUrl(),
            () -> {
              ctx.tables().append(Tables.BRONZE_DMS_DOCUMENT, rows);
              return null;
            });
      }
      long read =
          ctx.tables()
              .read(Tables.BRONZE_DMS_DOCUMENT)
              .where(col("_batch_id").equalTo(batchId))
              .count();
      if (registry.known(List.of(batchId)).isEmpty()) {
        registry.upsert(batchRow(ctx, batchId, range, probe, read));
      }
      moveWatermark(ctx, entity, probe.highWatermark(), read, batchId);
      extracted += read;
      parts.add(String.format("%s %,d row(s)%s", table, read, inBronze ? " (recovered)" : ""));
    }
    return StepResult.done(
        StepCounts.derived(extracted, extracted, String.join(", ", parts)),
        InputVersions.parse(""),
        InputVersions.current(ctx.tables(), Tables.BRONZE_DMS_DOCUMENT));
  }

  static Probe probe(
      DmsConnection dms, String entity, Optional<LocalDateTime> from, Optional<LocalDateTime> until)
      throws Exception {
    List<String> conditions = new ArrayList<>();
    from.ifPresent(t -> conditions.add("ngay_cap_nhat > ?"));
    until.ifPresent(t -> conditions.add("ngay_cap_nhat < ?"));
    String sql =
        "select count(*), min(id), max(id), max(ngay_cap_nhat) from "
            + entity
            + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
    try (Connection c = dms.open();
        PreparedStatement s = c.prepareStatement(sql)) {
      int p = 1;
      if (from.isPresent()) {
        s.setObject(p++, from.get());
      }
      if (until.isPresent()) {
        s.setObject(p, until.get());
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long n = rs.getLong(1);
        return n == 0
            ? new Probe(0, 0, 0, null)
            : new Probe(n, rs.getLong(2), rs.getLong(3), rs.getObject(4, LocalDateTime.class));
      }
    }
  }

  private static Dataset<Row> bronze(
      JobContext ctx,
      DmsConnection dms,
      String entity,
      Optional<LocalDateTime> from,
      Probe probe,
      String batchId,
      String range) {
    String where =
        "x.ngay_cap_nhat <= timestamp '"
            + SQL_TS.format(probe.highWatermark())
            + "'"
            + from.map(t -> " and x.ngay_cap_nhat > timestamp '" + SQL_TS.format(t) + "'")
                .orElse("");
    String query =
        "(select x.id, row_to_json(x)::text as raw_record from "
            + entity
            + " x where "
            + where
            + ") as extract";
    int partitions = (int) Math.max(1, Math.min(dms.partitions(), probe.rows() / 10_000 + 1));
    java.util.Properties login = dms.properties();
    Dataset<Row> source =
        ctx.spark()
            .read()
            .format("jdbc")
            .option("url", dms.url())
            .options(
                login.stringPropertyNames().stream()
                    .collect(java.util.stream.Collectors.toMap(k -> k, login::getProperty)))
            .option("dbtable", query)
            .option("partitionColumn", "id")
            .option("lowerBound", probe.minId())
            .option("upperBound", probe.maxId() + 1)
            .option("numPartitions", partitions)
            .option("fetchsize", 10_000)
            .load();
    return source.select(
        col("raw_record"),
        lit(batchId).as("_batch_id"),
        lit(SOURCE).as("_source"),
        lit(range).as("_source_file"),
        lit(Timestamp.from(ctx.clock().instant())).as("_ingested_at"),
        sha2(col("raw_record"), 256).as("_record_hash"));
  }

  static Optional<LocalDateTime> watermark(JobContext ctx, String entity) {
    List<Row> r =
        ctx.tables()
            .read(Tables.OPS_WATERMARK)
            .where(col("source").equalTo(SOURCE).and(col("entity").equalTo(entity)))
            .select("high_watermark")
            .collectAsList();
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0).getAs(0));
  }

  private static void moveWatermark(
      JobContext ctx, String entity, LocalDateTime to, long rows, String batchId) {
    long before =
        ctx
            .tables()
            .read(Tables.OPS_WATERMARK)
            .where(col("source").equalTo(SOURCE).and(col("entity").equalTo(entity)))
            .select("rows_extracted")
            .collectAsList()
            .stream()
            .mapToLong(r -> r.getLong(0))
            .sum();
    Row row =
        RowFactory.create(
            SOURCE,
            entity,
            to,
            before + rows,
            batchId,
            ctx.runId(),
            Timestamp.from(ctx.clock().instant()));
    ctx.tables()
        .upsert(
            Tables.OPS_WATERMARK,
            ctx.spark().createDataFrame(List.of(row), Tables.OPS_WATERMARK.schema()),
            "true",
            "entity",
            List.of(entity));
  }

  private static Dataset<Row> batchRow(
      JobContext ctx, String batchId, String range, Probe probe, long read) {
    Row row =
        RowFactory.create(
            batchId,
            SOURCE,
            range,
            java.sql.Date.valueOf(probe.highWatermark().toLocalDate()),
            batchId.substring(SOURCE.length() + 1),
            0L,
            BatchRegistry.INGESTED,
            read,
            0L,
            0L,
            0L,
            ctx.runId(),
            null);
    return ctx.spark().createDataFrame(List.of(row), Tables.OPS_BATCH.schema());
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
