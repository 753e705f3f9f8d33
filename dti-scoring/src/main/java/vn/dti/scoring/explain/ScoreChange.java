package vn.dti.scoring.explain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Node;
import vn.dti.scoring.score.NodeScore;
import vn.dti.scoring.score.ScoreSheet;

/**
 * Splits each unit's change of total (root) points between two score sheets of one methodology.
 *
 * <p>In each period a unit's total is the sum, over the nodes whose value was given rather than
 * computed (measured or self-assessed leaves, supplied nodes), of their points times the rescaling
 * of every ancestor ({@code max / Σ max of the applicable children}, 1 when all children apply; 0
 * under a node worth no points). A node's contribution is its attributable points now minus then,
 * so the contributions add up to the change by construction, whatever appeared, vanished or was
 * rescaled. The published contributions are rounded to {@code decimals} by the largest-remainder
 * method, so they still add up exactly to the change rounded the same way.
 */
public final class ScoreChange {
  private static final MathContext MC = MathContext.DECIMAL128;

  private ScoreChange() {}

  /** The changes of the units scored in both sheets, in the current sheet's order. */
  public static List<UnitChange> between(ScoreSheet previous, ScoreSheet current, int decimals) {
    Methodology m = current.methodology();
    if (!previous.methodology().id().equals(m.id())) {
      throw new IllegalArgumentException(
          "both periods must be scored by one methodology, not "
              + previous.methodology().id()
              + " and "
              + m.id());
    }
    List<UnitChange> out = new ArrayList<>();
    for (String unit : current.scores().keySet()) {
      if (!previous.scores().containsKey(unit)) {
        continue;
      }
      Map<String, BigDecimal> before = attributable(m, previous.scores().get(unit));
      Map<String, BigDecimal> now = attributable(m, current.scores().get(unit));
      List<String> codes = new ArrayList<>();
      for (String c : m.codes()) {
        if (before.containsKey(c) || now.containsKey(c)) {
          codes.add(c);
        }
      }
      BigDecimal totalBefore = before.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal totalNow = now.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      List<BigDecimal> exact = new ArrayList<>();
      for (String c : codes) {
        exact.add(
            now.getOrDefault(c, BigDecimal.ZERO).subtract(before.getOrDefault(c, BigDecimal.ZERO)));
      }
      BigDecimal change = totalNow.subtract(totalBefore).setScale(decimals, RoundingMode.HALF_UP);
      List<BigDecimal> rounded = largestRemainder(exact, change, decimals);
      List<Contribution> contributions = new ArrayList<>();
      for (int i = 0; i < codes.size(); i++) {
        String c = codes.get(i);
        contributions.add(
            new Contribution(
                c,
                before.getOrDefault(c, BigDecimal.ZERO).setScale(decimals, RoundingMode.HALF_UP),
                now.getOrDefault(c, BigDecimal.ZERO).setScale(decimals, RoundingMode.HALF_UP),
                rounded.get(i)));
      }
      out.add(
          new UnitChange(
              unit,
              totalBefore.setScale(decimals, RoundingMode.HALF_UP),
              totalNow.setScale(decimals, RoundingMode.HALF_UP),
              change,
              contributions));
    }
    return out;
  }

  /** Given node → the root points it accounts for. */
  static Map<String, BigDecimal> attributable(Methodology m, Map<String, NodeScore> unit) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Node n : m.nodes()) {
      NodeScore s = unit.get(n.code());
      if (s == null || s.value().isEmpty() || s.basis() == NodeScore.Basis.COMPUTED) {
        continue;
      }
      BigDecimal points = s.points().orElseThrow();
      Optional<Node> p = m.parent(n.code());
      while (p.isPresent() && points.signum() != 0) {
        points = points.multiply(rescaling(p.get(), unit, m), MC);
        p = m.parent(p.get().code());
      }
      out.put(n.code(), points);
    }
    return out;
  }

  /** {@code max / Σ max of the children with a value}; 0 for a node worth no points. */
  private static BigDecimal rescaling(Node parent, Map<String, NodeScore> unit, Methodology m) {
    if (!parent.isScored()) {
      return BigDecimal.ZERO;
    }
    BigDecimal applicable = BigDecimal.ZERO;
    for (String c : parent.children()) {
      NodeScore s = unit.get(c);
      if (s != null && s.value().isPresent()) {
        applicable = applicable.add(m.node(c).orElseThrow().maxPoints());
      }
    }
    return applicable.signum() == 0 ? BigDecimal.ZERO : parent.maxPoints().divide(applicable, MC);
  }

  /**
   * Rounds {@code exact} to {@code decimals} so that the results add up to {@code total}: each is
   * first rounded down, then the units of the last place still missing go to the largest
   * remainders.
   */
  static List<BigDecimal> largestRemainder(List<BigDecimal> exact, BigDecimal total, int decimals) {
    List<BigDecimal> floor = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal e : exact) {
      BigDecimal f = e.setScale(decimals, RoundingMode.FLOOR);
      floor.add(f);
      sum = sum.add(f);
    }
    BigDecimal unit = BigDecimal.ONE.movePointLeft(decimals);
    long missing = total.subtract(sum).divide(unit, 0, RoundingMode.HALF_UP).longValueExact();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < exact.size(); i++) {
      order.add(i);
    }
    Comparator<Integer> byRemainder =
        Comparator.comparing((Integer i) -> exact.get(i).subtract(floor.get(i)));
    order.sort(missing >= 0 ? byRemainder.reversed() : byRemainder);
    List<BigDecimal> out = new ArrayList<>(floor);
    for (int k = 0; k < Math.abs(missing) && !order.isEmpty(); k++) {
      int i = order.get(k % order.size());
      out.set(i, out.get(i).add(missing >= 0 ? unit : unit.negate()));
    }
    return out;
  }
}
