package vn.dti.scoring.rank;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Competition ranking ("1224"): units with equal scores share a rank, and the next rank skips as
 * many places as units tied. A unit's rank is 1 + the number of units with a strictly higher score.
 * Scores are compared as given, so callers round to the published precision first.
 */
public final class CompetitionRanking {
  private CompetitionRanking() {}

  /** A ranked item. */
  public record Ranked<T>(T item, BigDecimal score, int rank) {
    public Ranked {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(score, "score");
    }
  }

  /**
   * Ranks {@code items} by {@code score}, highest first. Ties keep the order of {@code tieOrder}
   * (for a stable listing only; tied items have the same rank).
   */
  public static <T> List<Ranked<T>> rank(
      List<T> items, Function<T, BigDecimal> score, Comparator<T> tieOrder) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(score, Comparator.reverseOrder()).thenComparing(tieOrder));
    List<Ranked<T>> out = new ArrayList<>(sorted.size());
    BigDecimal previous = null;
    int rank = 0;
    for (int i = 0; i < sorted.size(); i++) {
      BigDecimal s = Objects.requireNonNull(score.apply(sorted.get(i)), "score");
      if (previous == null || s.compareTo(previous) != 0) {
        rank = i + 1;
        previous = s;
      }
      out.add(new Ranked<>(sorted.get(i), s, rank));
    }
    return out;
  }
}
