package vn.dti.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.dti.scoring.indicator.Rescore;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.warehouse.catalog.TableSpec;

/**
 * {@code dti rescore}: recompute a published period from the Delta versions recorded with it (time
 * travel) and say, table by table, whether the result equals what is stored.
 */
@Command(
    name = "rescore",
    mixinStandardHelpOptions = true,
    description = {
      "Recompute one period of a methodology from the table versions its rows name (or that a run",
      "read, --as-of) and compare it with the stored rows, table by table: exit 0 when identical,",
      "1 when they differ. --write replaces the stored rows with the rescored ones."
    })
final class RescoreCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Option(names = "--methodology", required = true, paramLabel = "ID")
  String methodology;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "PERIOD",
      description = "2024, 2024-H1, 2024-Q2 or 2024-06 (a kind the methodology is scored by).")
  String period;

  @Option(
      names = "--as-of",
      paramLabel = "RUN_ID",
      description = "The run whose inputs to use (dti runs lists them); default: the rows' own.")
  String asOf;

  @Option(names = "--write", description = "Replace the stored rows with the rescored ones.")
  boolean write;

  @Override
  public Integer call() {
    Session s = Session.open(root);
    Methodology m =
        ScoringCatalog.methodology(ScoringCatalog.registry(s.config.methodologyDir()), methodology);
    Rescore.Result r = Rescore.run(s.context, m, period, Optional.ofNullable(asOf), write);
    System.out.printf(Locale.ROOT, "%s %s rescored from %s%n", m.id(), period, r.versions().text());
    for (Map.Entry<TableSpec, Rescore.Comparison> e : r.tables().entrySet()) {
      Rescore.Comparison c = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "  %-24s %,9d stored  %,9d rescored  %s%n",
          e.getKey().name(),
          c.stored(),
          c.rescored(),
          c.identical()
              ? "identical"
              : c.onlyStored() + " stored row(s) not reproduced, " + c.onlyRescored() + " new");
    }
    if (r.written()) {
      System.out.println("The stored rows of " + period + " were replaced by the rescored ones.");
      return 0;
    }
    System.out.println(
        r.identical()
            ? "Every stored row is reproduced exactly."
            : "The stored rows differ from the rescoring (dti rescore --write replaces them).");
    return r.identical() ? 0 : 1;
  }
}
