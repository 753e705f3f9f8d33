package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.scoring.methodology.Qd766OnTime;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * The 766 on-time indicator per province and month into {@code gold.indicator_value}.
 *
 * <pre>
 * fct_dossier_daily: province 70, 2024-05-02, received 12, on_time 11; 2024-05-03, received 8, on_time 8
 *   → indicator_value: qd766 | 2024-05 | 70 | TDGQ | 19 | 20 | 0.95 | 19.0000 | 20
 * </pre>
 */
public final class OnTimeIndicatorJob {
  public static final String STEP = Tables.GOLD_INDICATOR_VALUE.name();

  private OnTimeIndicatorJob() {}

  /**
   * Indicator rows from the daily facts. Pure. Months with nothing received are left out (not
   * ranked).
   */
  public static Dataset<Row> transform(Dataset<Row> fct, String inputVersions) {
    Dataset<Row> sums =
        fct.groupBy(col("province_code").as("unit_code"), col("month").as("period"))
            .agg(sum("on_time_count").as("numerator"), sum("received_count").as("denominator"))
            .where(col("denominator").gt(0));
    return sums.select(
        lit(Qd766OnTime.METHODOLOGY_ID).as("methodology_id"),
        lit(Qd766OnTime.REF.hash()).as("methodology_hash"),
        col("period"),
        lit("province").as("unit_level"),
        col("unit_code"),
        lit(Qd766OnTime.INDICATOR).as("indicator_code"),
        col("numerator"),
        col("denominator"),
        when(
                col("denominator").gt(0),
                col("numerator").cast(DataTypes.DoubleType).divide(col("denominator")))
            .as("ratio"),
        round(
                lit(Qd766OnTime.MAX_POINTS)
                    .cast(DataTypes.createDecimalType(20, 4))
                    .multiply(col("numerator").cast(DataTypes.createDecimalType(20, 0)))
                    .divide(col("denominator").cast(DataTypes.createDecimalType(20, 0))),
                Qd766OnTime.STORED_SCALE)
            .cast(Tables.SCORE)
            .as("points"),
        lit(Qd766OnTime.MAX_POINTS).cast(Tables.SCORE).as("max_points"),
        lit(inputVersions).as("input_versions"));
  }

  /** Recomputes the indicator when the facts changed. */
  public static StepResult run(JobContext ctx, Optional<StepRecord> last) {
    InputVersions inputs =
        InputVersions.current(ctx.tables(), Tables.GOLD_FCT_DOSSIER_DAILY)
            .with(
                "methodology:" + Qd766OnTime.METHODOLOGY_ID,
                Qd766OnTime.REF.hash().substring(0, 16));
    long fctVersion = inputs.versionOf(Tables.GOLD_FCT_DOSSIER_DAILY);
    if (ctx.tables().exists(Tables.GOLD_INDICATOR_VALUE) && inputs.sameAs(last)) {
      return StepResult.upToDate(
          "gold.fct_dossier_daily unchanged",
          inputs,
          InputVersions.current(ctx.tables(), Tables.GOLD_INDICATOR_VALUE));
    }
    Dataset<Row> fct =
        fctVersion < 0
            ? ctx.tables().read(Tables.GOLD_FCT_DOSSIER_DAILY)
            : ctx.tables().readAt(Tables.GOLD_FCT_DOSSIER_DAILY, fctVersion);
    Dataset<Row> rows = transform(fct, inputs.text());
    ctx.tables().overwrite(Tables.GOLD_INDICATOR_VALUE, rows);
    long n = ctx.tables().read(Tables.GOLD_INDICATOR_VALUE).count();
    return StepResult.done(
        StepCounts.derived(fct.count(), n, "766 TDGQ by province and month"),
        inputs,
        InputVersions.current(ctx.tables(), Tables.GOLD_INDICATOR_VALUE));
  }
}
