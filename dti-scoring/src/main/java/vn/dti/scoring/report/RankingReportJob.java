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
import vn.dti.scoring.methodology.Qd766OnTime;
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

  /** The report rows of the 766 on-time ranking, read at the given versions. */
  public static List<RankingReportRow> rows(Dataset<Row> ranking, Dataset<Row> indicators) {
    Dataset<Row> joined =
        ranking
            .where(
                col("methodology_id")
                    .equalTo(Qd766OnTime.METHODOLOGY_ID)
                    .and(col("node_code").equalTo(Qd766OnTime.INDICATOR)))
            .join(
                indicators.select(
                    col("methodology_id"),
                    col("period"),
                    col("unit_code"),
                    col("indicator_code").as("node_code"),
                    col("numerator"),
                    col("denominator")),
                scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of("methodology_id", "period", "unit_code", "node_code"))
                    .toSeq(),
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
              r.<Long>getAs("denominator"),
              r.<Long>getAs("numerator"),
              r.<BigDecimal>getAs("score"),
              Optional.ofNullable(r.<Integer>getAs("previous_rank")),
              Optional.ofNullable(r.<BigDecimal>getAs("previous_score"))));
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
