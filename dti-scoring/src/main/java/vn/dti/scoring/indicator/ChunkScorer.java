package vn.dti.scoring.indicator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.warehouse.catalog.Tables;

/**
 * Scores a methodology's figures chunk by chunk, one (level, scope) at a time: every period of a
 * series, both boundaries (a restated group reads its parts' reported sheet), with the forms of its
 * groups (forms only count for the periods the facts cover: a form alone does not open a period).
 * The figures come to the driver in that order, streamed, and only one chunk's figures and rows are
 * held at a time; the rows go to the staging, the figures to the period digests.
 */
final class ChunkScorer {
  private final Methodology m;
  private final Map<ScoreGroup, List<Figure>> forms;
  private final ScoringUnits units;
  private final String versions;
  private final PeriodDigests digests = new PeriodDigests();
  private final Map<String, String> firstPeriodOfSeries = new HashMap<>();
  private long figures;
  private long groups;
  private long unitPeriods;
  private final long[] results = new long[ScoreTables.TABLES.size()];

  /**
   * @param forms the self-assessed figures by group
   * @param versions the input versions stamped on every row
   */
  ChunkScorer(
      Methodology m, Map<ScoreGroup, List<Figure>> forms, ScoringUnits units, String versions) {
    this.m = m;
    this.forms = forms;
    this.units = units;
    this.versions = versions;
  }

  /** The first pass: each chunk's period digests, and the first period of each series. */
  void digestAll(Dataset<Row> sorted) {
    forEachChunk(
        sorted,
        chunk -> {
          digests.add(chunk);
          for (Figure f : chunk) {
            // The groups that score() makes a sheet for.
            if (f.scorable()) {
              ScoreGroup g = f.group();
              firstPeriodOfSeries.merge(
                  String.join("|", g.boundaries(), g.level(), g.scope()),
                  g.period(),
                  (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
          }
          figures += chunk.size();
        });
  }

  /**
   * The second pass: scores every chunk and stages the rows of the periods given (of every period
   * when empty).
   */
  void scoreAll(
      Optional<Dataset<Row>> sorted, ResultStaging staging, Optional<List<String>> periods) {
    Optional<Set<String>> keep = periods.map(Set::copyOf);
    Predicate<String> kept = p -> keep.map(k -> k.contains(p)).orElse(true);
    sorted.ifPresent(
        s ->
            forEachChunk(
                s,
                chunk -> {
                  Map<ScoreGroup, ScoreSheet> sheets = GroupScoring.score(m, chunk, units);
                  ScoreTables rows = ScoreTables.of(m, sheets, chunk, versions, kept);
                  for (int i = 0; i < results.length; i++) {
                    results[i] += rows.rowsOf(ScoreTables.TABLES.get(i)).size();
                  }
                  staging.add(rows, kept);
                  groups += sheets.size();
                  unitPeriods += sheets.values().stream().mapToLong(x -> x.scores().size()).sum();
                }));
    staging.finish();
  }

  /** The digests of the figures read by {@link #digestAll}, by period. */
  Map<String, String> digests() {
    return digests.result();
  }

  /** How many figures {@link #digestAll} read. */
  long figures() {
    return figures;
  }

  /** Streams the figures to the driver in scoring order, one (level, scope) at a time. */
  private void forEachChunk(Dataset<Row> sorted, Consumer<List<Figure>> action) {
    Iterator<Row> it = sorted.toLocalIterator();
    List<Figure> chunk = new ArrayList<>();
    while (it.hasNext()) {
      Figure f = Figure.of(it.next());
      if (!chunk.isEmpty() && !chunk.get(0).sameChunk(f)) {
        action.accept(withForms(chunk));
        chunk = new ArrayList<>();
      }
      chunk.add(f);
    }
    if (!chunk.isEmpty()) {
      action.accept(withForms(chunk));
    }
  }

  private List<Figure> withForms(List<Figure> metricFigures) {
    List<Figure> chunk = new ArrayList<>(metricFigures);
    Set<ScoreGroup> seen = new TreeSet<>();
    for (Figure f : metricFigures) {
      if (f.scope() != null && f.period() != null) {
        seen.add(f.group());
      }
    }
    seen.forEach(g -> chunk.addAll(forms.getOrDefault(g, List.of())));
    return chunk;
  }

  /** Whether some series' first period scored is later than {@code period}. */
  boolean aSeriesStartsAfter(String period) {
    return firstPeriodOfSeries.values().stream().anyMatch(p -> p.compareTo(period) > 0);
  }

  /** The step's message. */
  String summary() {
    return groups
        + " group(s) of units and periods, "
        + unitPeriods
        + " unit-period(s) scored; written: "
        + results[ScoreTables.TABLES.indexOf(Tables.GOLD_RANKING)]
        + " ranks, "
        + results[ScoreTables.TABLES.indexOf(Tables.GOLD_RANK_UNCERTAINTY)]
        + " rank intervals, "
        + results[ScoreTables.TABLES.indexOf(Tables.GOLD_SCORE_CHANGE)]
        + " change contributions";
  }
}
