package vn.dti.scoring.report;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * Writes the committee's ranking workbook from {@code gold.ranking} and {@code
 * gold.indicator_value}.
 */
public final class RankingReportJob {
  public static final String STEP = "report.ranking";

  private RankingReportJob() {}

  /** The methodology whose on-time group the workbook ranks. */
  public static final String METHODOLOGY = "qd766";

  /** The group ranked (20 points) and the leaf holding its counts. */
  public static final String GROUP = "TDGQ";

  public static final String LEAF = "TDGQ.1";

  /**
   * The report rows of the 766 on-time ranking: the provinces' ranks on the TDGQ group as reported
   * (the boundaries of each month), with the counts of its measured leaf.
   */
  public static List<RankingReportRow> rows(Dataset<Row> ranking, Dataset<Row> indicators) {
    List<String> keys =
        List.of("methodology_id", "boundaries", "period", "unit_level", "unit_code");
    Dataset<Row> joined =
        ranking
            .where(
                col("methodology_id")
                    .equalTo(METHODOLOGY)
                    .and(col("node_code").equalTo(GROUP))
                    .and(col("boundaries").equalTo(Methodology.AS_REPORTED))
                    .and(col("unit_level").equalTo("province")))
            .join(
                indicators
                    .where(col("indicator_code").equalTo(LEAF))
                    .select(
                        col("methodology_id"),
                        col("boundaries"),
                        col("period"),
                        col("unit_level"),
                        col("unit_code"),
                        col("numerator"),
                        col("denominator")),
                scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq(),
                "inner");
    List<RankingReportRow> rows = new ArrayList<>();
    for (Row r : joined.collectAsList()) {
      rows.add(
          new RankingReportRow(
              r.getAs("period"),
              r.<Integer>getAs("rank"),
              r.<Integer>getAs("units_ranked"),
              r.getAs("unit_code"),
              r.getAs("unit_name"),
              Math.round(r.<Double>getAs("denominator")),
              Math.round(r.<Double>getAs("numerator")),
              r.<BigDecimal>getAs("score").setScale(2, java.math.RoundingMode.HALF_UP),
              Optional.ofNullable(r.<Integer>getAs("previous_rank")),
              Optional.ofNullable(r.<BigDecimal>getAs("previous_score"))
                  .map(x -> x.setScale(2, java.math.RoundingMode.HALF_UP))));
    }
    return rows;
  }

  public static StepResult run(JobContext ctx, Path reportsDir, Optional<StepRecord> last) {
    InputVersions inputs =
        InputVersions.current(ctx.tables(), Tables.GOLD_RANKING, Tables.GOLD_INDICATOR_VALUE);
    long rankingVersion = inputs.versionOf(Tables.GOLD_RANKING);
    long indicatorVersion = inputs.versionOf(Tables.GOLD_INDICATOR_VALUE);
    Optional<String> lastFile = last.flatMap(r -> r.outputVersions().of("file"));
    if (inputs.sameAs(last)
        && lastFile.map(f -> Files.isRegularFile(reportsDir.resolve(f))).orElse(false)) {
      return StepResult.upToDate("gold.ranking unchanged", inputs, last.get().outputVersions());
    }
    if (rankingVersion < 0 || indicatorVersion < 0) {
      return StepResult.done(
          StepCounts.derived(0, 0, "no ranking yet"), inputs, InputVersions.parse(""));
    }
    List<RankingReportRow> rows =
        rows(
            ctx.tables().readAt(Tables.GOLD_RANKING, rankingVersion),
            ctx.tables().readAt(Tables.GOLD_INDICATOR_VALUE, indicatorVersion));
    if (rows.isEmpty()) {
      return StepResult.done(
          StepCounts.derived(0, 0, "no ranking yet"), inputs, InputVersions.parse(""));
    }
    Path file = RankingWorkbook.write(rows, reportsDir, ctx.clock().instant());
    return StepResult.done(
        StepCounts.derived(rows.size(), rows.size(), file.toString()),
        inputs,
        new InputVersions(Map.of("file", file.getFileName().toString())));
  }
}
