package vn.dti.scoring.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Node;
import vn.dti.scoring.score.NodeScore;
import vn.dti.scoring.score.ScoreSheet;

/**
 * Re-ranks the units of a score sheet under randomly perturbed weights.
 *
 * <p>The tree is flattened into arrays once. For each unit, the nodes whose value the scoring took
 * as given (a measured or self-assessed leaf, a supplied node) keep that value; every other node is
 * recomputed in each draw as the weighted mean of its applicable children, the weights being the
 * perturbed maxima. The unperturbed weights reproduce the scoring's root value exactly (up to
 * floating point). Draw {@code d} uses its own generator seeded from {@code (seed, d)}, so the
 * result does not depend on how draws are spread over threads.
 */
public final class MonteCarloRanking {
  private final int[] parent;
  private final int[][] children;
  private final double[] max;
  private final int[] postOrder;
  private final List<String> codes;
  private final double figureScale;
  private final double rounding;

  /** Prepares the methodology's tree. */
  public MonteCarloRanking(Methodology m) {
    List<Node> nodes = m.nodes();
    codes = nodes.stream().map(Node::code).toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).code(), i);
    }
    parent = new int[nodes.size()];
    Arrays.fill(parent, -1);
    children = new int[nodes.size()][];
    max = new double[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      max[i] = n.maxPoints().doubleValue();
      children[i] = n.children().stream().mapToInt(index::get).toArray();
      for (int c : children[i]) {
        parent[c] = i;
      }
    }
    int root = index.get(m.root().code());
    // Ranks are competition ranks on the published number (value or points, rounded), as
    // published: with no perturbation the intervals collapse onto the published ranks, ties kept.
    figureScale =
        m.publication().figure() == vn.dti.scoring.methodology.Publication.Figure.VALUE
            ? 1
            : max[root];
    rounding = Math.pow(10, m.publication().decimals());
    List<Integer> order = new ArrayList<>();
    visit(root, order);
    postOrder = order.stream().mapToInt(Integer::intValue).toArray();
  }

  private void visit(int node, List<Integer> order) {
    for (int c : children[node]) {
      visit(c, order);
    }
    order.add(node);
  }

  /**
   * The given values per unit: {@code NaN} where the node is computed from its children or has no
   * value. Row per unit in sheet order.
   */
  public double[][] givenValues(ScoreSheet sheet) {
    List<String> units = List.copyOf(sheet.scores().keySet());
    double[][] given = new double[units.size()][codes.size()];
    for (int u = 0; u < units.size(); u++) {
      Arrays.fill(given[u], Double.NaN);
      Map<String, NodeScore> s = sheet.scores().get(units.get(u));
      for (int i = 0; i < codes.size(); i++) {
        NodeScore ns = s.get(codes.get(i));
        if (ns != null && ns.value().isPresent() && ns.basis() != NodeScore.Basis.COMPUTED) {
          given[u][i] = ns.value().get().doubleValue();
        }
      }
    }
    return given;
  }

  /**
   * Runs the draws over the root's ranking.
   *
   * @param unitCodes the units, in the rows' order
   * @param given from {@link #givenValues}
   * @param publishedRanks each unit's unperturbed rank, carried into the result
   */
  public List<RankInterval> run(
      List<String> unitCodes, double[][] given, int[] publishedRanks, Perturbation p) {
    int units = unitCodes.size();
    int[][] ranks = new int[units][p.draws()];
    IntStream.range(0, p.draws())
        .parallel()
        .forEach(
            d -> {
              double[] w = weights(new SplittableRandom(mix(p.seed(), d)), p.spread());
              double[] score = new double[units];
              double[] v = new double[codes.size()];
              for (int u = 0; u < units; u++) {
                score[u] = Math.round(root(given[u], w, v) * figureScale * rounding) / rounding;
              }
              int[] r = competitionRanks(score);
              for (int u = 0; u < units; u++) {
                ranks[u][d] = r[u];
              }
            });
    List<RankInterval> out = new ArrayList<>(units);
    for (int u = 0; u < units; u++) {
      int[] r = ranks[u];
      Arrays.sort(r);
      out.add(
          new RankInterval(
              unitCodes.get(u),
              publishedRanks[u],
              median(r),
              r[percentileIndex(r.length, 0.05)],
              r[percentileIndex(r.length, 0.95)]));
    }
    return out;
  }

  /** The root value for one unit under weights {@code w}; {@code v} is scratch space. */
  double root(double[] given, double[] w, double[] v) {
    for (int node : postOrder) {
      if (!Double.isNaN(given[node])) {
        v[node] = given[node];
        continue;
      }
      int[] cs = children[node];
      if (cs.length == 0) {
        v[node] = Double.NaN;
        continue;
      }
      double num = 0;
      double den = 0;
      double plain = 0;
      int present = 0;
      for (int c : cs) {
        double x = v[c];
        if (Double.isNaN(x)) {
          continue;
        }
        present++;
        plain += x;
        if (w[c] > 0) {
          num += w[c] * x;
          den += w[c];
        }
      }
      // A node worth no points takes its children's mean; a scored one their weighted mean.
      v[node] =
          present == 0
              ? Double.NaN
              : max[node] == 0 ? plain / present : den == 0 ? Double.NaN : num / den;
    }
    double r = v[postOrder[postOrder.length - 1]];
    return Double.isNaN(r) ? Double.NEGATIVE_INFINITY : r;
  }

  /** Each node's maximum times a uniform factor; a node worth nothing stays at 0. */
  private double[] weights(SplittableRandom rng, double spread) {
    double[] w = new double[max.length];
    for (int i = 0; i < max.length; i++) {
      w[i] = max[i] * (1 - spread + 2 * spread * rng.nextDouble());
    }
    return w;
  }

  /** The unperturbed weights: the maxima. */
  double[] maxima() {
    return max.clone();
  }

  private static long mix(long seed, int draw) {
    long z = seed + 0x9E3779B97F4A7C15L * (draw + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Competition ranks, highest score first: 1 + the number of strictly higher scores. */
  static int[] competitionRanks(double[] score) {
    Integer[] idx = new Integer[score.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
    int[] rank = new int[score.length];
    for (int i = 0; i < idx.length; i++) {
      rank[idx[i]] = i > 0 && score[idx[i]] == score[idx[i - 1]] ? rank[idx[i - 1]] : i + 1;
    }
    return rank;
  }

  private static double median(int[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** Nearest-rank percentile index. */
  private static int percentileIndex(int n, double q) {
    return Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n) - 1));
  }
}
