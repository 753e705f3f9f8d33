package vn.dti.etl.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * Keeps a gold fact table partitioned by {@code month} in step with one silver table: a full build
 * the first time, afterwards only the months of the silver rows changed since the version last read
 * (from Delta's change feed) are recomputed and replaced.
 */
public final class MonthlyFacts {
  private MonthlyFacts() {}

  public static StepResult refresh(
      JobContext ctx,
      Optional<StepRecord> last,
      TableSpec silverTable,
      TableSpec goldTable,
      String dateColumn,
      UnaryOperator<Dataset<Row>> transform) {
    long silverVersion = ctx.tables().version(silverTable).orElse(-1);
    InputVersions inputs =
        new InputVersions(Map.of(silverTable.name(), String.valueOf(silverVersion)));
    boolean exists = ctx.tables().exists(goldTable);
    if (silverVersion < 0) {
      ctx.tables().createIfMissing(goldTable);
      return StepResult.done(
          StepCounts.derived(0, 0, "no " + silverTable.name() + " yet"),
          inputs,
          InputVersions.current(ctx.tables(), goldTable));
    }
    if (exists && inputs.sameAs(last)) {
      return StepResult.upToDate(
          silverTable.name() + " unchanged",
          inputs,
          InputVersions.current(ctx.tables(), goldTable));
    }
    Dataset<Row> silver = ctx.tables().read(silverTable);
    Optional<Long> previous =
        last.flatMap(r -> r.inputVersions().of(silverTable.name())).map(Long::parseLong);
    if (!exists || previous.isEmpty() || previous.get() < 0) {
      ctx.tables().overwrite(goldTable, transform.apply(silver));
      return StepResult.done(
          StepCounts.derived(silver.count(), ctx.tables().read(goldTable).count(), "full build"),
          inputs,
          InputVersions.current(ctx.tables(), goldTable));
    }
    TreeSet<String> months = new TreeSet<>();
    ctx.tables()
        .changesBetween(silverTable, previous.get() + 1, silverVersion)
        .where(col(dateColumn).isNotNull())
        .select(date_format(col(dateColumn), "yyyy-MM"))
        .distinct()
        .collectAsList()
        .forEach(r -> months.add(r.getString(0)));
    List<String> touched = List.copyOf(months);
    if (touched.isEmpty()) {
      return StepResult.done(
          StepCounts.derived(0, 0, "no changed months"),
          inputs,
          InputVersions.current(ctx.tables(), goldTable));
    }
    Dataset<Row> slice =
        silver.where(date_format(col(dateColumn), "yyyy-MM").isin(touched.toArray()));
    ctx.tables().replaceWhere(goldTable, transform.apply(slice), "month", touched);
    long written = rowsWritten(ctx, goldTable, touched);
    return StepResult.done(
        StepCounts.derived(slice.count(), written, "months " + String.join(", ", touched)),
        inputs,
        InputVersions.current(ctx.tables(), goldTable));
  }

  /**
   * The rows of the months just replaced in {@code gold}: from the commit's metrics, or counted
   * when the log does not say.
   */
  static long rowsWritten(JobContext ctx, TableSpec gold, List<String> months) {
    return ctx.tables()
        .rowsWrittenReplacing(gold, Map.of("month", months))
        .orElseGet(
            () -> ctx.tables().read(gold).where(col("month").isin(months.toArray())).count());
  }
}
