package vn.dti.scoring.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/**
 * Tier 2: result rows staged in the scratch directory in several flushes come back, all of them and
 * only them, as one frame per table.
 */
class ResultStagingTest {
  private static final Methodology M = ScoreTablesTest.M;

  private static final ScoringUnits UNITS = new ScoringUnits(Map.of(), Map.of(), Map.of());

  /** One province's departments, S1 and S2, in the periods given. */
  private static ScoreTables chunk(String province, String... periods) {
    List<Figure> figures = new java.util.ArrayList<>();
    int n = 1;
    for (String p : periods) {
      for (String unit : List.of(province + "-S1", province + "-S2")) {
        for (String leaf : List.of("ON", "PAY")) {
          figures.add(
              new Figure(
                  "as_reported", "department", province, unit, p, leaf, (double) (n % 10), 10.0));
          n++;
        }
      }
    }
    return ScoreTables.of(M, GroupScoring.score(M, figures, UNITS), figures, "v");
  }

  /**
   * Two provinces × two departments × two months: per table, score 3 nodes × 8 unit-periods = 24
   * rows, indicator 2 leaves × 8 = 16, ranking 3 codes × 8 = 24, uncertainty 8, change (June
   * against May only, one row per leaf) 2 × 4 units = 8. Flushed every 5 rows, so in several files.
   */
  @Test
  void everyStagedRowComesBackOnceAndPeriodsCanBeSelected(@TempDir Path dir) {
    DeltaTableStore store = new DeltaTableStore(SharedSpark.spark(), dir.toString());
    ScoreTables a = chunk("70", "2024-05", "2024-06");
    ScoreTables b = chunk("24", "2024-05", "2024-06");
    Path scratch;
    try (ResultStaging staging = new ResultStaging(store, "gold.score:u", 5)) {
      staging.add(a);
      staging.add(b);
      staging.finish();
      assertThat(staging.spilled()).isTrue();
      scratch = dir.resolve("_scratch");
      assertThat(scratch.resolve("gold.score_u")).isDirectory();
      Map<TableSpec, Long> expected =
          Map.of(
              Tables.GOLD_SCORE, 24L,
              Tables.GOLD_INDICATOR_VALUE, 16L,
              Tables.GOLD_RANKING, 24L,
              Tables.GOLD_RANK_UNCERTAINTY, 8L,
              Tables.GOLD_SCORE_CHANGE, 8L);
      for (TableSpec t : ScoreTables.TABLES) {
        List<Row> back = staging.staged(t, Optional.empty()).collectAsList();
        assertThat(back).as(t.name()).hasSize(expected.get(t).intValue());
        assertThat(strings(back))
            .as(t.name())
            .isEqualTo(
                strings(
                    java.util.stream.Stream.concat(a.rowsOf(t).stream(), b.rowsOf(t).stream())
                        .toList()));
        assertThat(staging.rows(t, Optional.empty())).isEqualTo(expected.get(t));
      }
      Optional<List<String>> june = Optional.of(List.of("2024-06"));
      assertThat(staging.staged(Tables.GOLD_SCORE, june).collectAsList())
          .hasSize(12)
          .allMatch(r -> r.<String>getAs("period").equals("2024-06"));
      assertThat(staging.rows(Tables.GOLD_SCORE, june)).isEqualTo(12);
      assertThat(staging.periods(Tables.GOLD_SCORE, Optional.empty())).isEqualTo(2);
      assertThat(staging.periods(Tables.GOLD_SCORE, june)).isEqualTo(1);
      assertThat(staging.periods(Tables.GOLD_SCORE_CHANGE, Optional.of(List.of("2024-05"))))
          .isZero();
      assertThat(staging.rows(Tables.GOLD_SCORE_CHANGE, Optional.of(List.of("2024-05")))).isZero();
    }
    assertThat(scratch.resolve("gold.score_u")).doesNotExist();
  }

  /**
   * Rows that fit in one buffer are never spilled. A table nothing was staged for (one month: no
   * change to explain) reads as empty, with its schema; a new staging under the same name starts
   * empty even if a failed run left files.
   */
  @Test
  void aTableWithNothingStagedIsEmptyAndLeftoversAreCleared(@TempDir Path dir) throws Exception {
    DeltaTableStore store = new DeltaTableStore(SharedSpark.spark(), dir.toString());
    Path leftover = dir.resolve("_scratch/gold.score_u/score/part-0.parquet");
    Files.createDirectories(leftover.getParent());
    Files.writeString(leftover, "not parquet");
    try (ResultStaging staging = new ResultStaging(store, "gold.score:u", 1_000)) {
      assertThat(leftover).doesNotExist();
      staging.add(chunk("70", "2024-05"));
      staging.finish();
      assertThat(staging.spilled()).isFalse();
      assertThat(staging.staged(Tables.GOLD_SCORE_CHANGE, Optional.empty()).count()).isZero();
      assertThat(staging.staged(Tables.GOLD_SCORE_CHANGE, Optional.empty()).schema())
          .isEqualTo(Tables.GOLD_SCORE_CHANGE.schema());
      assertThat(staging.staged(Tables.GOLD_SCORE, Optional.empty()).count()).isEqualTo(6);
      assertThat(staging.staged(Tables.GOLD_SCORE, Optional.of(List.of("2024-06"))).count())
          .isZero();
    }
  }

  /**
   * Rows of periods that are not kept are never buffered: with only June kept, the two chunks' 44
   * June rows fit a buffer of 61 (all 80 would have spilled), and no May row comes back.
   */
  @Test
  void rowsOfPeriodsNotKeptAreNotStaged(@TempDir Path dir) {
    DeltaTableStore store = new DeltaTableStore(SharedSpark.spark(), dir.toString());
    try (ResultStaging staging = new ResultStaging(store, "gold.score:u", 61)) {
      staging.add(chunk("70", "2024-05", "2024-06"), "2024-06"::equals);
      staging.add(chunk("24", "2024-05", "2024-06"), "2024-06"::equals);
      staging.finish();
      // June: 12 scores, 8 indicator values, 12 ranks, 4 intervals, 8 change rows = 44 rows.
      assertThat(staging.spilled()).isFalse();
      assertThat(staging.rows(Tables.GOLD_SCORE, Optional.empty())).isEqualTo(12);
      assertThat(staging.rows(Tables.GOLD_SCORE_CHANGE, Optional.empty())).isEqualTo(8);
      assertThat(staging.staged(Tables.GOLD_RANKING, Optional.empty()).collectAsList())
          .hasSize(12)
          .allMatch(r -> r.<String>getAs("period").equals("2024-06"));
      assertThat(staging.periods(Tables.GOLD_SCORE, Optional.empty())).isEqualTo(1);
    }
  }

  /** Rows as sorted text, for comparing sets of rows whatever their order or Row class. */
  private static List<String> strings(List<Row> rows) {
    return rows.stream()
        .map(
            r ->
                java.util.stream.IntStream.range(0, r.size())
                    .mapToObj(
                        i ->
                            r.get(i) instanceof java.math.BigDecimal d
                                ? d.stripTrailingZeros().toPlainString()
                                : String.valueOf(r.get(i)))
                    .collect(Collectors.joining("|")))
        .sorted()
        .toList();
  }
}
