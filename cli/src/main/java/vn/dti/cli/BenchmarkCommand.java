package vn.dti.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.score.NodeScore;
import vn.dti.scoring.score.Observation;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Scorer;
import vn.dti.scoring.score.UnitInput;
import vn.dti.scoring.uncertainty.MonteCarloRanking;
import vn.dti.scoring.uncertainty.Perturbation;
import vn.dti.scoring.uncertainty.RankInterval;

/** {@code dti benchmark}: measured speed goals (docs/BENCHMARKS.md). */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = "Measure the speed goals recorded in docs/BENCHMARKS.md.",
    subcommands = {BenchmarkCommand.Uncertainty.class})
final class BenchmarkCommand {

  /** Scoring and Monte-Carlo ranking of many synthetic units. */
  @Command(
      name = "uncertainty",
      mixinStandardHelpOptions = true,
      description = {
        "Score N synthetic units on a methodology of K indicators (5 groups), then rank them under",
        "D perturbed weightings; prints the time of each phase."
      })
  static final class Uncertainty implements Callable<Integer> {
    @Option(
        names = "--units",
        defaultValue = "10000",
        description = "Units (default ${DEFAULT-VALUE}).")
    int units;

    @Option(
        names = "--indicators",
        defaultValue = "50",
        description = "Leaf indicators (default ${DEFAULT-VALUE}).")
    int indicators;

    @Option(
        names = "--draws",
        defaultValue = "1000",
        description = "Monte-Carlo draws (default ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      Methodology m = ScoringCatalog.parse("benchmark.yaml", methodology(indicators));
      SplittableRandom rng = new SplittableRandom(seed);
      List<UnitInput> inputs = new ArrayList<>(units);
      for (int u = 0; u < units; u++) {
        Map<String, Observation> obs = new HashMap<>();
        for (int i = 0; i < indicators; i++) {
          int denominator = 50 + rng.nextInt(500);
          obs.put(
              "L" + i,
              new Observation(
                  BigDecimal.valueOf(rng.nextInt(denominator + 1)),
                  BigDecimal.valueOf(denominator)));
        }
        inputs.add(new UnitInput("U" + u, "Unit " + u, obs, Map.of()));
      }
      long t0 = System.nanoTime();
      ScoreSheet sheet = new Scorer(m, Scorer.Missing.APPLY_POLICY).score(inputs);
      long t1 = System.nanoTime();
      MonteCarloRanking mc = new MonteCarloRanking(m);
      List<String> codes = List.copyOf(sheet.scores().keySet());
      int[] published = new int[codes.size()];
      for (int i = 0; i < codes.size(); i++) {
        NodeScore s = sheet.get(codes.get(i), "T").orElseThrow();
        published[i] = s.rank().orElseThrow();
      }
      List<RankInterval> intervals =
          mc.run(codes, mc.givenValues(sheet), published, new Perturbation(draws, seed, 0.25));
      long t2 = System.nanoTime();
      double width = intervals.stream().mapToInt(r -> r.p95() - r.p05()).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "%,d units x %d indicators: exact scoring %.1f s; %,d Monte-Carlo draws %.1f s"
              + " (%d threads); mean 5-95%% rank interval width %.1f places%n",
          units,
          indicators,
          (t1 - t0) / 1e9,
          draws,
          (t2 - t1) / 1e9,
          java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1,
          width);
      return 0;
    }

    /** A total of 5 groups sharing {@code k} ratio leaves, each worth 10 points. */
    static String methodology(int k) {
      StringBuilder y =
          new StringBuilder(
              "id: benchmark\nname_vi: Thử tải\nname_en: Benchmark\nlevels: [commune]\nperiod: month\n"
                  + "publication: {figure: points, decimals: 2}\nnodes:\n");
      int groups = 5;
      List<List<Integer>> members = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        members.add(new ArrayList<>());
      }
      for (int i = 0; i < k; i++) {
        members.get(i % groups).add(i);
      }
      y.append("  - {code: T, name_vi: T, name_en: T, max_points: ")
          .append(10 * k)
          .append(", children: [");
      for (int g = 0; g < groups; g++) {
        y.append(g == 0 ? "" : ", ").append("G").append(g);
      }
      y.append("]}\n");
      for (int g = 0; g < groups; g++) {
        y.append("  - {code: G")
            .append(g)
            .append(", name_vi: G, name_en: G, max_points: ")
            .append(10 * members.get(g).size())
            .append(", children: [");
        for (int j = 0; j < members.get(g).size(); j++) {
          y.append(j == 0 ? "" : ", ").append("L").append(members.get(g).get(j));
        }
        y.append("]}\n");
      }
      for (int i = 0; i < k; i++) {
        String rule = i % 3 == 0 ? "ratio" : i % 3 == 1 ? "{type: capped, target: 0.8}" : "minmax";
        y.append("  - {code: L")
            .append(i)
            .append(", name_vi: L, name_en: L, max_points: 10, metric: m, rule: ")
            .append(rule)
            .append("}\n");
      }
      y.append(
          "metrics:\n  m: {table: gold.fct_dossier_daily, numerator: sum(on_time_count),"
              + " denominator: sum(received_count)}\n");
      return y.toString();
    }
  }
}
