package vn.dti.scoring.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CompetitionRankingTest {
  record U(String code, String score) {}

  private static List<String> ranks(U... units) {
    return CompetitionRanking.rank(
            List.of(units),
            (Function<U, BigDecimal>) u -> new BigDecimal(u.score()),
            Comparator.comparing(U::code))
        .stream()
        .map(r -> r.rank() + ":" + r.item().code())
        .toList();
  }

  @Test
  void tiesShareARankAndTheNextRankSkips() {
    assertThat(
            ranks(
                new U("a", "19.00"), new U("b", "18.00"), new U("c", "18.00"), new U("d", "17.00")))
        .containsExactly("1:a", "2:b", "2:c", "4:d");
  }

  @Test
  void equalValuesWithDifferentScalesTie() {
    assertThat(ranks(new U("a", "18.0"), new U("b", "18.00"))).containsExactly("1:a", "1:b");
  }

  @Test
  void everyoneTiedIsRankOne() {
    assertThat(ranks(new U("x", "5"), new U("y", "5"), new U("z", "5")))
        .containsExactly("1:x", "1:y", "1:z");
  }

  @Test
  void tieAtTheTopThenDistinct() {
    assertThat(ranks(new U("d", "1"), new U("a", "9"), new U("b", "9")))
        .containsExactly("1:a", "1:b", "3:d");
  }

  @Test
  void emptyAndSingle() {
    assertThat(ranks()).isEmpty();
    assertThat(ranks(new U("a", "0"))).containsExactly("1:a");
  }
}
