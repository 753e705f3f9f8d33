package vn.dti.scoring.score;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit's result on one node or aggregate.
 *
 * @param value share of the maximum, 0..1; empty when not applicable
 * @param points value × max points
 * @param published the number published and ranked on (value or points, rounded half-up)
 * @param rank competition rank among the units with a value; empty without one
 */
public record NodeScore(
    String unitCode,
    String code,
    Optional<BigDecimal> value,
    Optional<BigDecimal> points,
    Optional<BigDecimal> published,
    Optional<Integer> rank,
    Basis basis) {

  /** Where a value came from. */
  public enum Basis {
    /** From the unit's own figure through the leaf's rule. */
    MEASURED,
    /** Given from outside ({@code dti score --inputs}, a what-if). */
    SUPPLIED,
    /** From the node's children (or an aggregate's nodes). */
    COMPUTED,
    /** No figure: 0 by the leaf's policy. */
    EMPTY_ZERO,
    /** No figure: full marks by the leaf's policy. */
    EMPTY_FULL,
    /** No figure: the mean of the units that have one. */
    IMPUTED,
    /** No figure and not applicable: no value. */
    NOT_APPLICABLE
  }

  public NodeScore {
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(points, "points");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(rank, "rank");
    Objects.requireNonNull(basis, "basis");
  }

  /** The same score with its published figure and no rank (a unit under the minimum volume). */
  NodeScore unranked(BigDecimal publishedValue) {
    return new NodeScore(
        unitCode, code, value, points, Optional.of(publishedValue), Optional.empty(), basis);
  }

  NodeScore ranked(BigDecimal publishedValue, int r) {
    return new NodeScore(
        unitCode, code, value, points, Optional.of(publishedValue), Optional.of(r), basis);
  }
}
