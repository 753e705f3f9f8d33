package vn.dti.scoring.report;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.dti.scoring.methodology.Methodology;

/**
 * Everything one workbook shows, read from the gold tables at fixed Delta versions: the scope's
 * scores of the period and the one before on every node, its totals over the trend's periods, and
 * the period's ranks, rank intervals and change contributions. Plain values: the workbook is built
 * from them without Spark.
 *
 * @param scopeName the province's name for a province scope ("Tỉnh Bình Phước")
 * @param methodologyHash SHA-256 of the methodology file that scored the rows (the current file's
 *     when there are no rows)
 * @param versions the Delta version of each gold table read
 * @param issuer the issuing body's line on the cover
 */
public record ReportData(
    ReportRequest request,
    Optional<String> scopeName,
    Methodology methodology,
    String methodologyHash,
    Map<String, Long> versions,
    List<ScoreFact> scores,
    List<RankFact> ranking,
    List<IntervalFact> intervals,
    List<ChangeFact> changes,
    ZonedDateTime generatedAt,
    String issuer) {
  public ReportData {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(scopeName, "scopeName");
    Objects.requireNonNull(methodology, "methodology");
    Objects.requireNonNull(methodologyHash, "methodologyHash");
    versions = Map.copyOf(versions);
    scores = List.copyOf(scores);
    ranking = List.copyOf(ranking);
    intervals = List.copyOf(intervals);
    changes = List.copyOf(changes);
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(issuer, "issuer");
  }

  /** Whether the period and scope have any score: a workbook without is a cover saying so. */
  public boolean isEmpty() {
    String p = request.period().code();
    return scores.stream().noneMatch(s -> s.period().equals(p));
  }
}
