package vn.dti.cli;

import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.score.NodeScore;
import vn.dti.scoring.score.ScoreCsv;
import vn.dti.scoring.score.ScoreSheet;
import vn.dti.scoring.score.Scorer;
import vn.dti.scoring.score.SuppliedValues;
import vn.dti.scoring.score.UnitInput;

/**
 * {@code dti score --inputs}: evaluates a methodology on node values supplied in a CSV file (a
 * published table to check, a what-if to run). No Spark, no warehouse.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a methodology on node values supplied in a CSV file (unit_code,unit_name,node_code,value):",
      "nodes above the supplied ones are computed, nodes below them are ignored, aggregates (pillars)",
      "are computed, and every node is ranked (competition ranks on the published rounding)."
    })
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.ParentCommand DtiCommand root;

  @Option(
      names = "--methodology",
      required = true,
      paramLabel = "ID|FILE",
      description = "A shipped methodology (dti-2022-province) or a methodology file (.yaml).")
  String methodology;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "PERIOD",
      description = "The period scored: 2024 (yearly), 2024-Q2 (quarterly) or 2024-06 (monthly).")
  String period;

  @Option(
      names = "--inputs",
      required = true,
      paramLabel = "CSV",
      description = "Supplied values: unit_code,unit_name,node_code,value (header row, UTF-8).")
  Path inputs;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "CSV",
      description = "Where to write unit_code,unit_name,node_code,value,points,rank.")
  Path output;

  @Option(
      names = "--points",
      description =
          "The value column holds points (0..max) instead of shares of the maximum (0..1).")
  boolean points;

  @Override
  public Integer call() {
    Methodology m =
        ScoringCatalog.methodology(
            ScoringCatalog.registry(Session.config(root).methodologyDir()), methodology);
    try {
      m = m.forPeriod(period);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--period " + e.getMessage());
    }
    if (!m.applies().covers(period)) {
      throw new ParameterException(
          spec.commandLine(),
          "--period " + period + " is outside " + m.id() + "'s periods (" + m.applies() + ")");
    }
    List<UnitInput> units =
        SuppliedValues.read(
            inputs, m, points ? SuppliedValues.Scale.POINTS : SuppliedValues.Scale.SHARE);
    ScoreSheet sheet = new Scorer(m, Scorer.Missing.ABSENT).score(units);
    ScoreCsv.write(output, sheet);
    String rootCode = m.root().code();
    System.out.printf(
        Locale.ROOT,
        "%s (%s), %s: %d unit(s) scored; %s written%n%n",
        m.id(),
        m.ref().hash().substring(0, 12),
        period,
        units.size(),
        output);
    List<NodeScore> ranked =
        sheet.all().stream()
            .filter(s -> s.code().equals(rootCode) && s.rank().isPresent())
            .sorted(
                Comparator.comparing((NodeScore s) -> s.rank().get())
                    .thenComparing(NodeScore::unitCode))
            .toList();
    System.out.printf(Locale.ROOT, "%5s  %-10s %-32s %s%n", "rank", "unit", "name", rootCode);
    for (NodeScore s : ranked) {
      System.out.printf(
          Locale.ROOT,
          "%5d  %-10s %-32s %s%n",
          s.rank().get(),
          s.unitCode(),
          sheet.unitNames().get(s.unitCode()),
          s.published()
              .get()
              .setScale(m.publication().decimals(), RoundingMode.HALF_UP)
              .toPlainString());
    }
    return 0;
  }
}
