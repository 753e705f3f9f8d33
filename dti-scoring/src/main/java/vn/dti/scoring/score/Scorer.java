package vn.dti.scoring.score;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dti.scoring.methodology.Aggregate;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Node;
import vn.dti.scoring.methodology.Rule;
import vn.dti.scoring.rank.CompetitionRanking;
import vn.dti.scoring.score.NodeScore.Basis;

/**
 * Evaluates a methodology over a set of units, exactly (decimal arithmetic, 16 significant digits;
 * rounding happens once, at publication).
 *
 * <ol>
 *   <li>Leaves: a supplied value is taken as is; otherwise the unit's figure goes through the
 *       leaf's rule (rules across units see every unit's figure on that leaf); without a figure the
 *       leaf's empty policy decides.
 *   <li>Inner nodes: a supplied value is taken as is and the subtree below is ignored; otherwise
 *       points are the sum of the children's points, rescaled over the children that apply when
 *       some do not: {@code value = Σ points / Σ max} over applicable scored children, {@code
 *       points = value × max}. A node with maximum 0 takes the mean of its children's values.
 *   <li>Aggregates: the same over their nodes ({@code CQS = Σ points of six nodes / 700}).
 *   <li>Ranks: per node, competition ranks on the published number among units with a value; when
 *       the methodology sets a minimum volume, only among the units that reach it.
 * </ol>
 */
public final class Scorer {
  private static final MathContext MC = Rule.MC;

  /** Whether a leaf without a figure follows its empty policy or simply has no value. */
  public enum Missing {
    /** The nightly scoring: no figure means what the leaf's policy says. */
    APPLY_POLICY,
    /**
     * Scoring supplied values only ({@code dti score --inputs}): a leaf nobody gave a figure for is
     * absent, so it neither earns nor costs points.
     */
    ABSENT
  }

  private final Methodology m;
  private final Missing missing;
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  public Scorer(Methodology methodology, Missing missing) {
    this.m = methodology;
    this.missing = missing;
    methodology.nodes().forEach(n -> nodes.put(n.code(), n));
  }

  /** Every unit's score on every node and aggregate, ranked; units in input order. */
  public ScoreSheet score(List<UnitInput> units) {
    Map<String, Rule.Population> populations = populations(units);
    Map<String, Map<String, BigDecimal>> measured = new HashMap<>();
    for (UnitInput u : units) {
      measured.put(u.unitCode(), measuredLeaves(u, populations));
    }
    Map<String, BigDecimal> imputed = imputedMeans(measured);
    Map<String, Map<String, NodeScore>> sheet = new LinkedHashMap<>();
    for (UnitInput u : units) {
      Map<String, NodeScore> scores = new LinkedHashMap<>();
      evaluate(m.root(), u, measured.get(u.unitCode()), imputed, scores);
      for (Aggregate a : m.aggregates()) {
        scores.put(a.code(), aggregate(u, a, scores));
      }
      Map<String, NodeScore> ordered = new LinkedHashMap<>();
      for (String c : m.codes()) {
        if (scores.containsKey(c)) {
          ordered.put(c, scores.get(c));
        }
      }
      sheet.put(u.unitCode(), ordered);
    }
    rank(sheet, rankedUnits(units));
    Map<String, String> names = new LinkedHashMap<>();
    units.forEach(u -> names.put(u.unitCode(), u.unitName()));
    return new ScoreSheet(m, names, sheet);
  }

  /** Smallest and largest figure per leaf whose rule looks across units. */
  private Map<String, Rule.Population> populations(List<UnitInput> units) {
    Map<String, Rule.Population> out = new HashMap<>();
    for (Node leaf : m.leaves()) {
      if (!leaf.rule().acrossUnits()) {
        continue;
      }
      BigDecimal lo = null;
      BigDecimal hi = null;
      for (UnitInput u : units) {
        Observation o = u.observations().get(leaf.code());
        if (o != null && !o.isEmpty() && !hiddenBySupplied(leaf.code(), u)) {
          BigDecimal x = o.ratio();
          lo = lo == null || x.compareTo(lo) < 0 ? x : lo;
          hi = hi == null || x.compareTo(hi) > 0 ? x : hi;
        }
      }
      out.put(leaf.code(), lo == null ? Rule.Population.NONE : new Rule.Population(lo, hi));
    }
    return out;
  }

  /** Whether the node itself or one of its ancestors has a supplied value for this unit. */
  private boolean hiddenBySupplied(String code, UnitInput u) {
    Optional<String> c = Optional.of(code);
    while (c.isPresent()) {
      if (u.supplied().containsKey(c.get())) {
        return true;
      }
      c = m.parent(c.get()).map(Node::code);
    }
    return false;
  }

  private Map<String, BigDecimal> measuredLeaves(UnitInput u, Map<String, Rule.Population> pops) {
    Map<String, BigDecimal> out = new HashMap<>();
    for (Node leaf : m.leaves()) {
      Observation o = u.observations().get(leaf.code());
      if (o != null && !o.isEmpty()) {
        out.put(
            leaf.code(),
            leaf.rule().apply(o.ratio(), pops.getOrDefault(leaf.code(), Rule.Population.NONE)));
      }
    }
    return out;
  }

  private Map<String, BigDecimal> imputedMeans(Map<String, Map<String, BigDecimal>> measured) {
    Map<String, BigDecimal> out = new HashMap<>();
    for (Node leaf : m.leaves()) {
      if (leaf.whenEmpty() != Node.EmptyPolicy.IMPUTE) {
        continue;
      }
      BigDecimal sum = BigDecimal.ZERO;
      int n = 0;
      for (Map<String, BigDecimal> unit : measured.values()) {
        BigDecimal v = unit.get(leaf.code());
        if (v != null) {
          sum = sum.add(v);
          n++;
        }
      }
      if (n > 0) {
        out.put(leaf.code(), sum.divide(BigDecimal.valueOf(n), MC));
      }
    }
    return out;
  }

  private NodeScore evaluate(
      Node node,
      UnitInput u,
      Map<String, BigDecimal> measured,
      Map<String, BigDecimal> imputed,
      Map<String, NodeScore> out) {
    NodeScore s;
    BigDecimal given = u.supplied().get(node.code());
    if (given != null) {
      s = score(u, node.code(), given, node.maxPoints(), Basis.SUPPLIED);
    } else if (node.isLeaf()) {
      s = leaf(node, u, measured, imputed);
    } else {
      List<NodeScore> children = new ArrayList<>();
      for (String c : node.children()) {
        children.add(evaluate(nodes.get(c), u, measured, imputed, out));
      }
      s = combine(u, node.code(), node.maxPoints(), children, node.children());
    }
    out.put(node.code(), s);
    return s;
  }

  private NodeScore leaf(
      Node leaf, UnitInput u, Map<String, BigDecimal> measured, Map<String, BigDecimal> imputed) {
    BigDecimal v = measured.get(leaf.code());
    if (v != null) {
      return score(u, leaf.code(), v, leaf.maxPoints(), Basis.MEASURED);
    }
    if (missing == Missing.ABSENT && !u.observations().containsKey(leaf.code())) {
      return absent(u, leaf.code(), Basis.NOT_APPLICABLE);
    }
    return switch (leaf.whenEmpty()) {
      case ZERO -> score(u, leaf.code(), BigDecimal.ZERO, leaf.maxPoints(), Basis.EMPTY_ZERO);
      case FULL -> score(u, leaf.code(), BigDecimal.ONE, leaf.maxPoints(), Basis.EMPTY_FULL);
      case IMPUTE ->
          imputed.containsKey(leaf.code())
              ? score(u, leaf.code(), imputed.get(leaf.code()), leaf.maxPoints(), Basis.IMPUTED)
              : absent(u, leaf.code(), Basis.NOT_APPLICABLE);
      case NOT_APPLICABLE -> absent(u, leaf.code(), Basis.NOT_APPLICABLE);
    };
  }

  /** A node (or aggregate) from its parts: rescaled sum of points, or the mean for max 0. */
  private NodeScore combine(
      UnitInput u, String code, BigDecimal max, List<NodeScore> parts, List<String> partCodes) {
    BigDecimal points = BigDecimal.ZERO;
    BigDecimal applicableMax = BigDecimal.ZERO;
    BigDecimal valueSum = BigDecimal.ZERO;
    int withValue = 0;
    for (int i = 0; i < parts.size(); i++) {
      NodeScore p = parts.get(i);
      if (p.value().isEmpty()) {
        continue;
      }
      withValue++;
      valueSum = valueSum.add(p.value().get());
      BigDecimal partMax = maxOf(partCodes.get(i));
      if (partMax.signum() > 0) {
        points = points.add(p.points().orElseThrow());
        applicableMax = applicableMax.add(partMax);
      }
    }
    if (max.signum() == 0) {
      return withValue == 0
          ? absent(u, code, Basis.NOT_APPLICABLE)
          : new NodeScore(
              u.unitCode(),
              code,
              Optional.of(valueSum.divide(BigDecimal.valueOf(withValue), MC)),
              Optional.of(BigDecimal.ZERO),
              Optional.empty(),
              Optional.empty(),
              Basis.COMPUTED);
    }
    if (applicableMax.signum() == 0) {
      return absent(u, code, Basis.NOT_APPLICABLE);
    }
    BigDecimal value = points.divide(applicableMax, MC);
    return score(u, code, value, max, Basis.COMPUTED);
  }

  private BigDecimal maxOf(String code) {
    return nodes.get(code).maxPoints();
  }

  private NodeScore aggregate(UnitInput u, Aggregate a, Map<String, NodeScore> scores) {
    List<NodeScore> parts = new ArrayList<>();
    for (String c : a.of()) {
      parts.add(scores.get(c));
    }
    return combine(u, a.code(), a.maxPoints(), parts, a.of());
  }

  private static NodeScore score(
      UnitInput u, String code, BigDecimal value, BigDecimal max, Basis basis) {
    return new NodeScore(
        u.unitCode(),
        code,
        Optional.of(value),
        Optional.of(value.multiply(max, MC)),
        Optional.empty(),
        Optional.empty(),
        basis);
  }

  private static NodeScore absent(UnitInput u, String code, Basis basis) {
    return new NodeScore(
        u.unitCode(),
        code,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        basis);
  }

  /**
   * The units ranked: all of them, or those whose volume reaches the methodology's minimum (the
   * others keep their scores and have no rank).
   */
  private java.util.Set<String> rankedUnits(List<UnitInput> units) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (UnitInput u : units) {
      boolean ranked =
          m.minimumVolume()
              .map(
                  v ->
                      v.ranks(
                          Optional.ofNullable(u.observations().get(v.leaf()))
                              .map(Observation::denominator)))
              .orElse(true);
      if (ranked) {
        out.add(u.unitCode());
      }
    }
    return out;
  }

  private void rank(Map<String, Map<String, NodeScore>> sheet, java.util.Set<String> ranked) {
    for (String code : m.codes()) {
      List<NodeScore> scored = new ArrayList<>();
      for (Map.Entry<String, Map<String, NodeScore>> e : sheet.entrySet()) {
        NodeScore s = e.getValue().get(code);
        if (s == null || s.value().isEmpty()) {
          continue;
        }
        if (ranked.contains(e.getKey())) {
          scored.add(s);
        } else {
          // Shown with its published figure, left out of everyone's ranks.
          e.getValue()
              .put(code, s.unranked(m.publication().publish(s.value().get(), s.points().get())));
        }
      }
      for (CompetitionRanking.Ranked<NodeScore> r :
          CompetitionRanking.rank(
              scored,
              s -> m.publication().publish(s.value().get(), s.points().get()),
              Comparator.comparing(NodeScore::unitCode))) {
        NodeScore s = r.item();
        sheet.get(s.unitCode()).put(code, s.ranked(r.score(), r.rank()));
      }
    }
  }
}
