package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * How a leaf's raw figure becomes its value, a share of its maximum points between 0 and 1. The set
 * is closed: a methodology file names one of these with its parameters; adding a rule is Java and a
 * test, using one is a YAML edit.
 *
 * <p>A raw figure is a ratio (numerator / denominator) for a measured leaf, or the reported number
 * for a self-assessed one (1 or 0 for yes / no, a percentage as 0–100, a count).
 */
public sealed interface Rule {
  MathContext MC = MathContext.DECIMAL64;

  /** Whether the rule needs the raw figures of every unit being ranked. */
  default boolean acrossUnits() {
    return false;
  }

  /**
   * The value for raw figure {@code x}.
   *
   * @param population the raw figures of all units scored on this leaf (only used by rules {@link
   *     #acrossUnits()})
   */
  BigDecimal apply(BigDecimal x, Population population);

  /** The smallest and largest raw figure among the units scored on a leaf. */
  record Population(BigDecimal min, BigDecimal max) {
    public static final Population NONE = new Population(BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /** Higher raw figures are better (the default) or lower ones are. */
  enum Direction {
    HIGHER,
    LOWER
  }

  /** The name a methodology file uses for the rule. */
  String type();

  /** {@code value = x}, clamped to 0..1 (or {@code 1 - x} when lower is better). */
  record Ratio(Direction direction) implements Rule {
    public Ratio {
      Objects.requireNonNull(direction, "direction");
    }

    @Override
    public BigDecimal apply(BigDecimal x, Population p) {
      return orient(clamp(x), direction);
    }

    @Override
    public String type() {
      return "ratio";
    }
  }

  /** Full marks at the target: {@code value = min(1, x / target)}. */
  record Capped(BigDecimal target) implements Rule {
    public Capped {
      if (target.signum() <= 0) {
        throw new IllegalArgumentException("target must be positive");
      }
    }

    @Override
    public BigDecimal apply(BigDecimal x, Population p) {
      return clamp(x.divide(target, MC));
    }

    @Override
    public String type() {
      return "capped";
    }
  }

  /** All or nothing: 1 when {@code x >= at} (or {@code x <= at} when lower is better), else 0. */
  record Threshold(BigDecimal at, Direction direction) implements Rule {
    @Override
    public BigDecimal apply(BigDecimal x, Population p) {
      boolean met = direction == Direction.HIGHER ? x.compareTo(at) >= 0 : x.compareTo(at) <= 0;
      return met ? BigDecimal.ONE : BigDecimal.ZERO;
    }

    @Override
    public String type() {
      return "threshold";
    }
  }

  /**
   * Steps: the value of the first tier whose {@code from} the figure reaches, tiers listed from the
   * highest {@code from} down; 0 below the last.
   */
  record Tiers(List<Tier> tiers) implements Rule {
    /** One step. */
    public record Tier(BigDecimal from, BigDecimal value) {}

    public Tiers {
      tiers = List.copyOf(tiers);
      if (tiers.isEmpty()) {
        throw new IllegalArgumentException("at least one tier is needed");
      }
      for (int i = 1; i < tiers.size(); i++) {
        if (tiers.get(i).from().compareTo(tiers.get(i - 1).from()) >= 0) {
          throw new IllegalArgumentException("tiers must be listed from the highest 'from' down");
        }
      }
      for (Tier t : tiers) {
        if (t.value().signum() < 0 || t.value().compareTo(BigDecimal.ONE) > 0) {
          throw new IllegalArgumentException("a tier's value must lie between 0 and 1");
        }
      }
    }

    @Override
    public BigDecimal apply(BigDecimal x, Population p) {
      for (Tier t : tiers) {
        if (x.compareTo(t.from()) >= 0) {
          return t.value();
        }
      }
      return BigDecimal.ZERO;
    }

    @Override
    public String type() {
      return "tiers";
    }
  }

  /** Yes or no: 1 when the figure is positive (a "Có" on the form), else 0. */
  record Bool() implements Rule {
    @Override
    public BigDecimal apply(BigDecimal x, Population p) {
      return x.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
    }

    @Override
    public String type() {
      return "boolean";
    }
  }

  /**
   * Fixed goalposts: {@code (x - lower) / (upper - lower)}, clamped to 0..1 (reversed when lower is
   * better). A percentage reported as 0–100 uses goalposts 0 and 100.
   */
  record Goalposts(BigDecimal lower, BigDecimal upper, Direction direction) implements Rule {
    public Goalposts {
      if (lower.compareTo(upper) >= 0) {
        throw new IllegalArgumentException("lower must be below upper");
      }
    }

    @Override
    public BigDecimal apply(BigDecimal x, Population p) {
      return orient(clamp(x.subtract(lower).divide(upper.subtract(lower), MC)), direction);
    }

    @Override
    public String type() {
      return "goalposts";
    }
  }

  /**
   * Min-max across the units being ranked: the best unit gets 1, the worst 0; all get 1 when every
   * unit has the same figure.
   */
  record MinMax(Direction direction) implements Rule {
    @Override
    public boolean acrossUnits() {
      return true;
    }

    @Override
    public BigDecimal apply(BigDecimal x, Population p) {
      BigDecimal range = p.max().subtract(p.min());
      if (range.signum() == 0) {
        return BigDecimal.ONE;
      }
      return orient(clamp(x.subtract(p.min()).divide(range, MC)), direction);
    }

    @Override
    public String type() {
      return "minmax";
    }
  }

  private static BigDecimal clamp(BigDecimal v) {
    if (v.signum() < 0) {
      return BigDecimal.ZERO;
    }
    return v.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE : v;
  }

  private static BigDecimal orient(BigDecimal v, Direction d) {
    return d == Direction.HIGHER ? v : BigDecimal.ONE.subtract(v);
  }
}
