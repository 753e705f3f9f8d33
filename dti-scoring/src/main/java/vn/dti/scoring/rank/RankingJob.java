package vn.dti.scoring.rank;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.dti.scoring.methodology.Qd766OnTime;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * Writes {@code gold.ranking} from {@code gold.indicator_value}, ranking in plain Java ({@link
 * PeriodRanking}).
 */
public final class RankingJob {
  public static final String STEP = Tables.GOLD_RANKING.name();

  private RankingJob() {}

  /** A unit as the dimension names it during a validity interval. */
  public record UnitName(
      String unitCode, String name, LocalDate validFrom, Optional<LocalDate> validTo) {}

  /** The ranking rows for the indicator rows given. Pure. */
  public static List<Row> transform(
      List<Row> indicatorRows, List<UnitName> names, String inputVersions) {
    List<IndicatorResult> results = new ArrayList<>();
    for (Row r : indicatorRows) {
      results.add(
          new IndicatorResult(
              r.getAs("methodology_id"),
              r.getAs("methodology_hash"),
              r.getAs("period"),
              r.getAs("unit_level"),
              r.getAs("unit_code"),
              r.getAs("indicator_code"),
              r.<Long>getAs("numerator"),
              r.<Long>getAs("denominator")));
    }
    List<RankingEntry> entries =
        PeriodRanking.rank(
            results,
            x -> Qd766OnTime.published(x.numerator(), x.denominator()),
            (code, period) -> name(names, code, period));
    List<Row> rows = new ArrayList<>();
    for (RankingEntry e : entries) {
      IndicatorResult x = e.result();
      rows.add(
          RowFactory.create(
              x.methodologyId(),
              x.methodologyHash(),
              x.period(),
              x.unitLevel(),
              x.nodeCode(),
              x.unitCode(),
              e.unitName(),
              e.score(),
              e.rank(),
              e.unitsRanked(),
              e.previous().map(RankingEntry.Previous::period).orElse(null),
              e.previous().map(RankingEntry.Previous::score).orElse(null),
              e.previous().map(RankingEntry.Previous::rank).orElse(null),
              e.rankChange().orElse(null),
              inputVersions));
    }
    return rows;
  }

  /**
   * The unit's name on the first day of a monthly period (its current name for other periods); the
   * code itself when the dimension does not know the unit.
   */
  static String name(List<UnitName> names, String code, String period) {
    Optional<LocalDate> day;
    try {
      day = Optional.of(YearMonth.parse(period).atDay(1));
    } catch (java.time.format.DateTimeParseException e) {
      day = Optional.empty();
    }
    for (UnitName n : names) {
      boolean valid =
          day.map(d -> !n.validFrom().isAfter(d) && n.validTo().map(d::isBefore).orElse(true))
              .orElse(n.validTo().isEmpty());
      if (n.unitCode().equals(code) && valid) {
        return n.name();
      }
    }
    return code;
  }

  public static StepResult run(JobContext ctx, Optional<StepRecord> last) {
    InputVersions inputs =
        InputVersions.current(ctx.tables(), Tables.GOLD_INDICATOR_VALUE, Tables.GOLD_DIM_UNIT);
    long indicatorVersion = inputs.versionOf(Tables.GOLD_INDICATOR_VALUE);
    long dimVersion = inputs.versionOf(Tables.GOLD_DIM_UNIT);
    if (ctx.tables().exists(Tables.GOLD_RANKING) && inputs.sameAs(last)) {
      return StepResult.upToDate(
          "gold.indicator_value unchanged",
          inputs,
          InputVersions.current(ctx.tables(), Tables.GOLD_RANKING));
    }
    List<Row> indicators =
        indicatorVersion < 0
            ? List.of()
            : ctx.tables().readAt(Tables.GOLD_INDICATOR_VALUE, indicatorVersion).collectAsList();
    List<UnitName> names = new ArrayList<>();
    if (dimVersion >= 0) {
      for (Row r :
          ctx.tables()
              .readAt(Tables.GOLD_DIM_UNIT, dimVersion)
              .where(col("unit_level").equalTo("province"))
              .collectAsList()) {
        Date to = r.getAs("valid_to");
        names.add(
            new UnitName(
                r.getAs("unit_code"),
                r.getAs("unit_name"),
                ((Date) r.getAs("valid_from")).toLocalDate(),
                Optional.ofNullable(to).map(Date::toLocalDate)));
      }
    }
    List<Row> rows = transform(indicators, names, inputs.text());
    Dataset<Row> df = ctx.spark().createDataFrame(rows, Tables.GOLD_RANKING.schema());
    ctx.tables().overwrite(Tables.GOLD_RANKING, df);
    return StepResult.done(
        StepCounts.derived(indicators.size(), rows.size(), "competition ranks on 2 decimals"),
        inputs,
        InputVersions.current(ctx.tables(), Tables.GOLD_RANKING));
  }
}
