package vn.dti.scoring.indicator;

import java.util.Comparator;
import java.util.Objects;

/**
 * The units ranked together: one period, one level, one scope (the whole country, or one province
 * for its departments, districts or communes) and one set of boundaries.
 */
public record ScoreGroup(String boundaries, String level, String scope, String period)
    implements Comparable<ScoreGroup> {
  /** The scope of a national ranking of provinces. */
  public static final String NATIONAL = "VN";

  private static final Comparator<ScoreGroup> ORDER =
      Comparator.comparing(ScoreGroup::boundaries)
          .thenComparing(ScoreGroup::level)
          .thenComparing(ScoreGroup::scope)
          .thenComparing(ScoreGroup::period);

  public ScoreGroup {
    Objects.requireNonNull(boundaries, "boundaries");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(period, "period");
  }

  /** The same units in another period: what a period is compared with. */
  public boolean sameSeries(ScoreGroup other) {
    return boundaries.equals(other.boundaries)
        && level.equals(other.level)
        && scope.equals(other.scope);
  }

  @Override
  public int compareTo(ScoreGroup o) {
    return ORDER.compare(this, o);
  }
}
