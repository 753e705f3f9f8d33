package vn.dti.etl.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.etl.bronze.BatchRegistry;
import vn.dti.etl.bronze.BronzeDossierJob;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * {@code gold.fct_dossier_daily}: per processing unit and receipt day, the dossiers received and
 * where they stand.
 *
 * <p>A received dossier (status not 1 or 3) is <em>on time</em> when it finished on or before its
 * due date (both as dates), or when it is still open and its due date is on or after the evaluation
 * date of its month: the month's last day, or the data's last business day if that is earlier
 * (DOMAIN.md §2.2: still-open dossiers count with the period end). The due date moves by the days
 * the dossier waited for the applicant's supplements, and a dossier asked for more than one
 * supplement is overdue.
 *
 * <pre>
 * unit_code      received_date received finished_on_time finished_late open_within_due open_overdue
 * 000.00.13.H10  2024-05-02           3                2             0               1            0
 * </pre>
 */
public final class FctDossierDailyJob {
  public static final String STEP = Tables.GOLD_FCT_DOSSIER_DAILY.name();

  private FctDossierDailyJob() {}

  /**
   * The fact rows for the dossiers given, evaluated as of {@code asOf}, with their supplement
   * requests ({@code silver.dossier_supplement}: dossier_id, requested_at, supplied_at). Pure.
   */
  public static Dataset<Row> transform(
      Dataset<Row> silverDossier, Dataset<Row> supplements, LocalDate asOf) {
    Column received = col("is_received");
    Column finished = col("processing_finished_at").isNotNull();
    Column evaluation = least(last_day(col("received_date")), lit(java.sql.Date.valueOf(asOf)));
    // Decision 766: the time a dossier waits for the applicant's supplement does not count
    // against it (the due date moves by the days waited: requested → supplied, or → finished or
    // the evaluation date while still waiting), and more than one supplement request is overdue.
    Dataset<Row> dossiers = silverDossier.where(received).withColumn("_evaluation", evaluation);
    Dataset<Row> waits =
        dossiers
            .select(
                col("dossier_id"),
                coalesce(to_date(col("processing_finished_at")), col("_evaluation")).as("_stop"))
            .join(
                supplements
                    .where(col("requested_at").isNotNull())
                    .select("dossier_id", "requested_at", "supplied_at"),
                "dossier_id")
            .groupBy("dossier_id")
            .agg(
                sum(greatest(
                        lit(0),
                        datediff(
                            least(
                                coalesce(to_date(col("supplied_at")), col("_stop")), col("_stop")),
                            to_date(col("requested_at")))))
                    .as("_waited_days"));
    Column dueDate =
        date_add(to_date(col("due_at")), coalesce(col("_waited_days"), lit(0L)).cast("int"));
    Column tooManySupplements = coalesce(col("supplement_count"), lit(0)).gt(1);
    Column finishedOnTime =
        finished
            .and(tooManySupplements.unary_$bang())
            .and(to_date(col("processing_finished_at")).leq(dueDate));
    Column openWithinDue =
        finished
            .unary_$bang()
            .and(tooManySupplements.unary_$bang())
            .and(dueDate.geq(col("_evaluation")));
    return dossiers
        .join(waits, scalaSeq("dossier_id"), "left")
        .groupBy(col("unit_code"), col("province_code"), col("received_date"))
        .agg(
            count(lit(1)).as("received_count"),
            countIf(col("channel_code").equalTo(2)).as("online_count"),
            countIf(col("channel_code").equalTo(2).and(col("online_level").equalTo(4)))
                .as("full_online_count"),
            countIf(finished).as("finished_count"),
            countIf(finishedOnTime).as("finished_on_time_count"),
            countIf(finished.and(finishedOnTime.unary_$bang())).as("finished_late_count"),
            countIf(finished.unary_$bang()).as("open_count"),
            countIf(openWithinDue).as("open_within_due_count"),
            countIf(finished.unary_$bang().and(openWithinDue.unary_$bang()))
                .as("open_overdue_count"),
            countIf(col("has_digitised_components")).as("digitised_count"),
            countIf(col("has_electronic_result")).as("electronic_result_count"),
            countIf(col("uses_reused_data")).as("reused_data_count"),
            countIf(col("uses_data_store")).as("data_store_count"),
            countIf(col("is_vneid_linked")).as("vneid_count"),
            countIf(col("has_fees")).as("with_fees_count"),
            countIf(col("has_financial_obligation")).as("with_obligation_count"),
            countIf(col("is_paid_online")).as("paid_online_count"),
            countIf(col("supplement_count").gt(0)).as("supplement_requested_count"))
        .withColumn(
            "on_time_count", col("finished_on_time_count").plus(col("open_within_due_count")))
        .withColumn("overdue_count", col("finished_late_count").plus(col("open_overdue_count")))
        .withColumn("month", date_format(col("received_date"), "yyyy-MM"))
        .withColumn("as_of_date", lit(java.sql.Date.valueOf(asOf)));
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }

  private static Column countIf(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  /**
   * Recomputes the months touched since the last run: those of silver rows changed since the silver
   * version it last read (from the change feed), plus the months of the previous and the new as-of
   * date, whose open dossiers are evaluated differently once the data advances. Everything on the
   * first run.
   */
  public static StepResult run(JobContext ctx, Optional<StepRecord> last) {
    BatchRegistry registry = new BatchRegistry(ctx.tables());
    Optional<LocalDate> asOf = registry.lastBusinessDate(BronzeDossierJob.SOURCE);
    long silverVersion = ctx.tables().version(Tables.SILVER_DOSSIER).orElse(-1);
    Map<String, String> in = new LinkedHashMap<>();
    in.put(Tables.SILVER_DOSSIER.name(), String.valueOf(silverVersion));
    in.put("as_of_date", asOf.map(LocalDate::toString).orElse(""));
    InputVersions inputs = new InputVersions(in);
    if (asOf.isEmpty() || silverVersion < 0) {
      ctx.tables().createIfMissing(Tables.GOLD_FCT_DOSSIER_DAILY);
      return StepResult.done(
          StepCounts.derived(0, 0, "no processed portal data yet"),
          inputs,
          InputVersions.current(ctx.tables(), Tables.GOLD_FCT_DOSSIER_DAILY));
    }
    boolean tableExists = ctx.tables().exists(Tables.GOLD_FCT_DOSSIER_DAILY);
    if (tableExists && inputs.sameAs(last)) {
      return StepResult.upToDate(
          "silver.dossier unchanged",
          inputs,
          InputVersions.current(ctx.tables(), Tables.GOLD_FCT_DOSSIER_DAILY));
    }
    Dataset<Row> silver = ctx.tables().read(Tables.SILVER_DOSSIER);
    Dataset<Row> supplements = ctx.tables().read(Tables.SILVER_DOSSIER_SUPPLEMENT);
    Optional<Long> previousSilver =
        last.flatMap(r -> r.inputVersions().of(Tables.SILVER_DOSSIER.name())).map(Long::parseLong);
    if (!tableExists || previousSilver.isEmpty() || previousSilver.get() < 0) {
      Dataset<Row> all = transform(silver, supplements, asOf.get());
      ctx.tables().overwrite(Tables.GOLD_FCT_DOSSIER_DAILY, all);
      long n = ctx.tables().read(Tables.GOLD_FCT_DOSSIER_DAILY).count();
      return StepResult.done(
          StepCounts.derived(silver.count(), n, "full build"),
          inputs,
          InputVersions.current(ctx.tables(), Tables.GOLD_FCT_DOSSIER_DAILY));
    }
    TreeSet<String> months = new TreeSet<>();
    if (previousSilver.get() < silverVersion) {
      ctx.tables()
          .changesBetween(Tables.SILVER_DOSSIER, previousSilver.get() + 1, silverVersion)
          .where(col("received_date").isNotNull())
          .select(date_format(col("received_date"), "yyyy-MM"))
          .distinct()
          .collectAsList()
          .forEach(r -> months.add(r.getString(0)));
    }
    months.add(asOf.get().toString().substring(0, 7));
    last.flatMap(r -> r.inputVersions().of("as_of_date"))
        .filter(s -> s.length() >= 7)
        .ifPresent(s -> months.add(s.substring(0, 7)));
    List<String> touched = List.copyOf(months);
    // Selected by receipt date (not the submission-month partition): Delta's file statistics on
    // received_date skip
    // the files that cannot hold these months.
    LocalDate from = LocalDate.parse(touched.get(0) + "-01");
    LocalDate to = LocalDate.parse(touched.get(touched.size() - 1) + "-01").plusMonths(1);
    Dataset<Row> slice =
        silver
            .where(
                col("received_date")
                    .geq(lit(java.sql.Date.valueOf(from)))
                    .and(col("received_date").lt(lit(java.sql.Date.valueOf(to)))))
            .where(date_format(col("received_date"), "yyyy-MM").isin(touched.toArray()));
    Dataset<Row> rows = transform(slice, supplements, asOf.get());
    ctx.tables().replaceWhere(Tables.GOLD_FCT_DOSSIER_DAILY, rows, "month", touched);
    long written = MonthlyFacts.rowsWritten(ctx, Tables.GOLD_FCT_DOSSIER_DAILY, touched);
    return StepResult.done(
        StepCounts.derived(slice.count(), written, "months " + String.join(", ", touched)),
        inputs,
        InputVersions.current(ctx.tables(), Tables.GOLD_FCT_DOSSIER_DAILY));
  }
}
