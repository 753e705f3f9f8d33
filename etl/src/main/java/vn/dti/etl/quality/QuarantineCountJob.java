package vn.dti.etl.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.etl.silver.Parsing;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * {@code ops.quarantine_count}: the quarantine counted by source, batch, table, reason code, unit
 * and day, the view of it analysts get. The quarantine tables themselves keep every raw record
 * (personal data included) for repair and replay, and never leave the warehouse; this table carries
 * no record, no detail and no file name.
 *
 * <p>The silver loads replace a batch's quarantine rows as a slice ({@code _batch_id IN (…)}), so a
 * night counts only the batches it quarantined again and replaces their counts; a change to the
 * unit list (the provinces), a quarantine table written otherwise (a full rebuild) or no earlier
 * count rebuilds the table whole.
 */
public final class QuarantineCountJob {
  public static final String STEP = Tables.OPS_QUARANTINE_COUNT.name();

  /**
   * Where a quarantine table's raw records (JSON objects, whatever the source's format) give the
   * unit and the date.
   *
   * @param dateFields tried in order; none for records dated by year only
   */
  record RawFields(TableSpec table, String unitField, List<String> dateFields) {}

  static final List<RawFields> SOURCES =
      List.of(
          new RawFields(
              Tables.QUARANTINE_DOSSIER, "DonViXuLy", List.of("NgayTiepNhan", "NgayNopHoSo")),
          new RawFields(Tables.QUARANTINE_FEEDBACK, "DonViXuLy", List.of("NgayTiepNhan")),
          new RawFields(Tables.QUARANTINE_PAYMENT, "MaDonVi", List.of("ThoiGianGD")),
          new RawFields(
              Tables.QUARANTINE_DOCUMENT, "ma_co_quan", List.of("ngay_ban_hanh", "ngay_den")),
          new RawFields(Tables.QUARANTINE_ASSESSMENT, "unit_code", List.of()));

  private QuarantineCountJob() {}

  /**
   * The counts. Pure.
   *
   * @param quarantines each quarantine table's rows (tables that do not exist yet left out)
   * @param batches {@code ops.batch}: each batch's source and business day
   * @param units {@code silver.unit}: the province of a unit on a day
   */
  public static Dataset<Row> transform(
      Map<TableSpec, Dataset<Row>> quarantines, Dataset<Row> batches, Dataset<Row> units) {
    Dataset<Row> batch =
        batches.select(
            col("batch_id").as("b_id"),
            col("source").as("b_source"),
            col("business_date").as("b_day"));
    Dataset<Row> all = null;
    for (RawFields f : SOURCES) {
      Dataset<Row> q = quarantines.get(f.table());
      if (q == null) {
        continue;
      }
      List<Column> dates = new ArrayList<>();
      for (String field : f.dateFields()) {
        dates.add(to_date(Parsing.timestamp(get_json_object(col("raw_record"), "$." + field))));
      }
      Column recordDay =
          dates.isEmpty()
              ? lit(null).cast(DataTypes.DateType)
              : coalesce(dates.toArray(Column[]::new));
      Dataset<Row> one =
          q.join(batch, col("_batch_id").equalTo(col("b_id")), "left")
              .select(
                  coalesce(col("b_source"), lit("unknown")).as("source"),
                  col("_batch_id").as("batch_id"),
                  lit(f.table().name()).as("table_name"),
                  col("reason_code"),
                  Parsing.code(get_json_object(col("raw_record"), "$." + f.unitField()))
                      .as("unit_code"),
                  (f.dateFields().isEmpty() ? recordDay : coalesce(recordDay, col("b_day")))
                      .as("day"));
      all = all == null ? one : all.unionByName(one);
    }
    if (all == null) {
      return batches
          .sparkSession()
          .createDataFrame(List.of(), Tables.OPS_QUARANTINE_COUNT.schema());
    }
    Dataset<Row> counted =
        all.groupBy("source", "batch_id", "table_name", "reason_code", "unit_code", "day")
            .agg(count(lit(1)).as("records"));
    // The province of the unit on the day (on no day: the unit's latest).
    Dataset<Row> onDay =
        Parsing.withUnit(
            counted, units, coalesce(col("day"), lit(java.sql.Date.valueOf("9999-12-30"))));
    return onDay.select(
        Tables.OPS_QUARANTINE_COUNT.columnNames().stream()
            .map(c -> c.equals("province_code") ? col("u_province").as(c) : col(c))
            .toArray(Column[]::new));
  }

  public static StepResult run(JobContext ctx, Optional<StepRecord> last) {
    List<TableSpec> present =
        SOURCES.stream().map(RawFields::table).filter(ctx.tables()::exists).toList();
    List<TableSpec> inputTables = new ArrayList<>(present);
    inputTables.add(Tables.OPS_BATCH);
    inputTables.add(Tables.SILVER_UNIT);
    // Absent tables are left out of the versions (InputVersions.current skips them).
    InputVersions inputs =
        InputVersions.current(ctx.tables(), inputTables.toArray(TableSpec[]::new));
    if (inputs.sameAs(last) && ctx.tables().exists(Tables.OPS_QUARANTINE_COUNT)) {
      return StepResult.upToDate(
          "quarantine unchanged",
          inputs,
          InputVersions.current(ctx.tables(), Tables.OPS_QUARANTINE_COUNT));
    }
    if (!ctx.tables().exists(Tables.OPS_BATCH) || !ctx.tables().exists(Tables.SILVER_UNIT)) {
      ctx.tables().createIfMissing(Tables.OPS_QUARANTINE_COUNT);
      return StepResult.done(
          StepCounts.derived(0, 0, "no batch or unit loaded yet"),
          inputs,
          InputVersions.current(ctx.tables(), Tables.OPS_QUARANTINE_COUNT));
    }
    Optional<List<String>> batches = batchesRequarantined(ctx, present, inputs, last);
    if (batches.isPresent() && batches.get().isEmpty()) {
      // Only compactions or the batch registry moved: no count changes.
      return StepResult.done(
          StepCounts.derived(0, 0, "no batch quarantined again"),
          inputs,
          InputVersions.current(ctx.tables(), Tables.OPS_QUARANTINE_COUNT));
    }
    Map<TableSpec, Dataset<Row>> quarantines = new java.util.LinkedHashMap<>();
    for (TableSpec t : present) {
      Dataset<Row> q = ctx.tables().read(t);
      quarantines.put(
          t, batches.isEmpty() ? q : q.where(col("_batch_id").isin(batches.get().toArray())));
    }
    Dataset<Row> counts =
        transform(
            quarantines,
            ctx.tables().read(Tables.OPS_BATCH),
            ctx.tables().read(Tables.SILVER_UNIT));
    String how;
    if (batches.isEmpty()) {
      ctx.tables().overwrite(Tables.OPS_QUARANTINE_COUNT, counts);
      how = "counted whole";
    } else {
      ctx.tables().replaceWhere(Tables.OPS_QUARANTINE_COUNT, counts, "batch_id", batches.get());
      how = batches.get().size() + " batch(es) counted again";
    }
    Row totals =
        ctx.tables()
            .read(Tables.OPS_QUARANTINE_COUNT)
            .agg(count(lit(1)), org.apache.spark.sql.functions.sum("records"))
            .head();
    long rows = totals.getLong(0);
    long records = totals.isNullAt(1) ? 0 : totals.getLong(1);
    return StepResult.done(
        StepCounts.derived(
            records, rows, rows + " counts of " + records + " quarantined records; " + how),
        inputs,
        InputVersions.current(ctx.tables(), Tables.OPS_QUARANTINE_COUNT));
  }

  /**
   * The batches whose quarantine rows the silver loads replaced since the last count, when that is
   * all that changed; empty when the table must be counted whole.
   */
  private static Optional<List<String>> batchesRequarantined(
      JobContext ctx, List<TableSpec> present, InputVersions now, Optional<StepRecord> last) {
    if (last.isEmpty() || !ctx.tables().exists(Tables.OPS_QUARANTINE_COUNT)) {
      return Optional.empty();
    }
    InputVersions before = last.get().inputVersions();
    if (before.versionOf(Tables.SILVER_UNIT) != now.versionOf(Tables.SILVER_UNIT)
        || last.get().outputVersions().versionOf(Tables.OPS_QUARANTINE_COUNT)
            != ctx.tables().version(Tables.OPS_QUARANTINE_COUNT).orElse(-1)) {
      return Optional.empty();
    }
    java.util.Set<String> ids = new java.util.TreeSet<>();
    for (TableSpec t : present) {
      long was = before.versionOf(t);
      long is = now.versionOf(t);
      if (was == is) {
        continue;
      }
      if (was < 0) {
        return Optional.empty();
      }
      Optional<List<Map<String, List<String>>>> slices = ctx.tables().slicesReplaced(t, was, is);
      if (slices.isEmpty()) {
        return Optional.empty();
      }
      for (Map<String, List<String>> slice : slices.get()) {
        if (!slice.keySet().equals(java.util.Set.of("_batch_id"))) {
          return Optional.empty();
        }
        ids.addAll(slice.get("_batch_id"));
      }
    }
    return Optional.of(List.copyOf(ids));
  }
}
