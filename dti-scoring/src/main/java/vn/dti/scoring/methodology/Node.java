package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of a methodology's tree: an index, a group or a leaf indicator.
 *
 * <p>An inner node's points are the sum of its children's points and its value is points / max. A
 * leaf's value comes from its {@link Source} through its {@link Rule}, and its points are value ×
 * max. A node with a maximum of 0 is assessed but not scored (the DTI's smart-city index): it has a
 * value (its children's mean) and contributes no points.
 *
 * @param code unique within the methodology, e.g. {@code NTS} or {@code NTS.1}
 * @param children codes of the child nodes, in order; empty for a leaf
 * @param source where a leaf's raw figure comes from; empty for an inner node
 * @param rule how a leaf's raw figure becomes its value
 * @param whenEmpty what a leaf's value is when its denominator is 0 or its input is missing
 * @param line where the node is declared, for messages
 */
public record Node(
    String code,
    String nameVi,
    String nameEn,
    BigDecimal maxPoints,
    List<String> children,
    Optional<Source> source,
    Rule rule,
    EmptyPolicy whenEmpty,
    int line) {

  /** Where a leaf's raw figure comes from. */
  public sealed interface Source {
    /** A metric of the methodology: a ratio of two aggregates over gold or silver rows. */
    record FromMetric(String metric) implements Source {}

    /**
     * A self-assessed value, by its indicator code on the form ({@code silver.assessment_value}).
     */
    record FromInput(String indicatorCode) implements Source {}
  }

  /** What a leaf's value is when it has no figure. */
  public enum EmptyPolicy {
    /** 0: nothing reported, nothing earned. */
    ZERO,
    /** 1: nothing to be judged on counts as fully achieved (766: no feedback received). */
    FULL,
    /**
     * Left out: the parent is scored on its other children, rescaled to its own maximum. A unit
     * with no applicable child has no value for the parent either.
     */
    NOT_APPLICABLE,
    /** The mean value of the units that have a figure. */
    IMPUTE
  }

  public Node {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nameVi, "nameVi");
    Objects.requireNonNull(nameEn, "nameEn");
    Objects.requireNonNull(maxPoints, "maxPoints");
    children = List.copyOf(children);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(whenEmpty, "whenEmpty");
  }

  /** Whether the node has no children. */
  public boolean isLeaf() {
    return children.isEmpty();
  }

  /** Whether the node earns points (its maximum is above 0). */
  public boolean isScored() {
    return maxPoints.signum() > 0;
  }
}
