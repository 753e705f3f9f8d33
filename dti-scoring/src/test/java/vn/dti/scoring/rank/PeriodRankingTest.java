package vn.dti.scoring.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.methodology.Qd766OnTime;

class PeriodRankingTest {
  private static IndicatorResult r(String period, String unit, long num, long den) {
    return new IndicatorResult("qd766", "h", period, "province", unit, "TDGQ", num, den);
  }

  @Test
  void ranksEachPeriodAndLinksThePreviousOne() {
    // May: 70 = 19.00, 24 = 18.00, 75 = 18.00; June: 24 = 19.40, 70 = 19.00, 75 = 18.00, 99 new.
    List<IndicatorResult> in =
        List.of(
            r("2024-06", "24", 291, 300),
            r("2024-05", "70", 285, 300),
            r("2024-05", "24", 252, 280),
            r("2024-05", "75", 225, 250),
            r("2024-06", "70", 304, 320),
            r("2024-06", "75", 243, 270),
            r("2024-06", "99", 1, 2));
    List<String> out =
        PeriodRanking.rank(
                in, x -> Qd766OnTime.published(x.numerator(), x.denominator()), (c, p) -> "U" + c)
            .stream()
            .map(
                e ->
                    e.result().period()
                        + " "
                        + e.rank()
                        + " "
                        + e.result().unitCode()
                        + " "
                        + e.score()
                        + " of "
                        + e.unitsRanked()
                        + e.previous().map(p -> " prev " + p.rank() + " " + p.score()).orElse("")
                        + e.rankChange().map(c -> " change " + c).orElse(""))
            .toList();
    assertThat(out)
        .containsExactly(
            "2024-05 1 70 19.00 of 3",
            "2024-05 2 24 18.00 of 3",
            "2024-05 2 75 18.00 of 3",
            "2024-06 1 24 19.40 of 4 prev 2 18.00 change 1",
            "2024-06 2 70 19.00 of 4 prev 1 19.00 change -1",
            "2024-06 3 75 18.00 of 4 prev 2 18.00 change -1",
            "2024-06 4 99 10.00 of 4");
  }

  @Test
  void previousPeriodOfAMonth() {
    assertThat(PeriodRanking.previousPeriod("2024-01")).contains("2023-12");
    assertThat(PeriodRanking.previousPeriod("2024")).isEmpty();
  }
}
