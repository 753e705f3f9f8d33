package vn.dti.etl.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.weekofyear;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * {@code gold.dim_date}: every day of the whole years the dossier facts cover, with Vietnamese day
 * names and the administrative era. It changes only when the facts reach a new year.
 */
public final class DimDateJob {
  public static final String STEP = Tables.GOLD_DIM_DATE.name();

  /** The first day of the 34-province era. */
  public static final LocalDate MERGER = LocalDate.of(2025, 7, 1);

  private static final List<String> DAY_NAMES =
      List.of("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật");

  private DimDateJob() {}

  /** The rows for the years {@code fromYear} to {@code toYear}, both inclusive. Pure. */
  public static Dataset<Row> transform(SparkSession spark, int fromYear, int toYear) {
    Column d = col("date");
    // ISO day of week: Spark's dayofweek is 1 = Sunday .. 7 = Saturday.
    Column isoDay = org.apache.spark.sql.functions.expr("((dayofweek(date) + 5) % 7) + 1");
    Column name = lit(DAY_NAMES.get(6));
    for (int i = 5; i >= 0; i--) {
      name = when(col("day_of_week").equalTo(i + 1), lit(DAY_NAMES.get(i))).otherwise(name);
    }
    return spark
        .range(1)
        .select(
            explode(
                    sequence(
                        lit(Date.valueOf(LocalDate.of(fromYear, 1, 1))),
                        lit(Date.valueOf(LocalDate.of(toYear, 12, 31)))))
                .as("date"))
        .select(
            d,
            year(d).as("year"),
            quarter(d).as("quarter"),
            date_format(d, "yyyy-MM").as("month"),
            month(d).as("month_of_year"),
            dayofmonth(d).as("day_of_month"),
            isoDay.cast(DataTypes.IntegerType).as("day_of_week"),
            weekofyear(d).as("iso_week"),
            when(d.lt(lit(Date.valueOf(MERGER))), lit("63")).otherwise(lit("34")).as("era"))
        .withColumn("day_name_vi", name)
        .withColumn("is_weekend", col("day_of_week").geq(6));
  }

  public static StepResult run(JobContext ctx, Optional<StepRecord> last) {
    Row r =
        ctx.tables()
            .read(Tables.GOLD_FCT_DOSSIER_DAILY)
            .agg(min("received_date"), max("received_date"))
            .head();
    if (r.isNullAt(0)) {
      ctx.tables().createIfMissing(Tables.GOLD_DIM_DATE);
      return StepResult.done(
          StepCounts.derived(0, 0, "no dossier facts yet"),
          InputVersions.parse(""),
          InputVersions.current(ctx.tables(), Tables.GOLD_DIM_DATE));
    }
    int from = ((Date) r.get(0)).toLocalDate().getYear();
    int to = ((Date) r.get(1)).toLocalDate().getYear();
    InputVersions inputs = new InputVersions(Map.of("years", from + "-" + to));
    if (inputs.sameAs(last) && ctx.tables().exists(Tables.GOLD_DIM_DATE)) {
      return StepResult.upToDate(
          "years " + from + "-" + to + " covered",
          inputs,
          InputVersions.current(ctx.tables(), Tables.GOLD_DIM_DATE));
    }
    ctx.tables().overwrite(Tables.GOLD_DIM_DATE, transform(ctx.spark(), from, to));
    long n = ctx.tables().read(Tables.GOLD_DIM_DATE).count();
    return StepResult.done(
        StepCounts.derived(n, n, "years " + from + "-" + to),
        inputs,
        InputVersions.current(ctx.tables(), Tables.GOLD_DIM_DATE));
  }
}
