package vn.dti.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.RunLedger;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;

/** {@code dti runs}: the run ledger as a table. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Show the last steps recorded in the run ledger.")
final class RunsCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Option(
      names = "--limit",
      defaultValue = "30",
      description = "How many steps to show (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Session s = Session.open(root);
    if (!s.context.tables().exists(Tables.OPS_JOB_RUN)) {
      System.out.println(
          "No runs recorded yet in " + s.config.warehouseLocation() + "; run 'dti nightly'.");
      return 0;
    }
    List<StepRecord> records = new RunLedger(s.context.tables()).recent(limit);
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of(s.config.timeZone()));
    String fmt = "%-24s %-19s %-26s %-8s %10s %10s %8s %8s %10s %8s  %s%n";
    System.out.printf(
        fmt,
        "run",
        "started",
        "step",
        "status",
        "read",
        "accepted",
        "quarant.",
        "dupl.",
        "written",
        "seconds",
        "message");
    for (StepRecord r : records) {
      StepCounts c = r.counts();
      System.out.printf(
          fmt,
          r.runId(),
          f.format(r.startedAt()),
          r.step(),
          r.status(),
          c.read(),
          c.accepted(),
          c.quarantined(),
          c.duplicate(),
          c.written(),
          String.format("%.1f", r.seconds()),
          c.message());
    }
    return 0;
  }
}
