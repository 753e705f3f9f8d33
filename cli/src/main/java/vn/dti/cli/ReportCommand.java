package vn.dti.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodologies;
import vn.dti.scoring.report.CommitteeReportJob;
import vn.dti.scoring.report.ReportPeriod;
import vn.dti.scoring.report.ReportReader;
import vn.dti.scoring.report.ReportRequest;
import vn.dti.scoring.report.ReportScope;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.job.InputVersions;

/**
 * {@code dti report}: the Steering Committee's workbooks, one per methodology, period, scope and
 * boundaries asked for, from the current gold tables.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the Steering Committee's workbooks (xlsx, Vietnamese): cover, ranking, targets,"
          + " changes, unit profiles, charts and data, one per methodology, period and scope.",
      "Without options: every methodology scored, its latest complete period, the national ranking"
          + " and each province's own units."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Option(
      names = "--methodology",
      paramLabel = "ID",
      description = "qd766, dti-2022-province or province-units-monthly (repeatable)")
  List<String> methodologies = new ArrayList<>();

  @Option(
      names = "--period",
      paramLabel = "P",
      description = "a month 2024-06, a quarter 2024-Q2 or a year 2024")
  String period;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description =
          "national, or province:<code> for a province's departments, districts, communes")
  String scope;

  @Option(
      names = "--boundaries",
      paramLabel = "B",
      description = "as_reported (the period's units) or restated_2025 (the 34 provinces)")
  String boundaries;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the workbooks are written (default <data.dir>/reports)")
  Path out;

  @Override
  public Integer call() {
    Optional<ReportPeriod> p = Optional.empty();
    if (period != null) {
      p = ReportPeriod.parse(period);
      if (p.isEmpty()) {
        return usage(
            "malformed period '"
                + period
                + "': give a month (2024-06), a quarter (2024-Q2) or a year (2024)");
      }
    }
    Optional<ReportScope> sc = Optional.empty();
    if (scope != null) {
      sc = ReportScope.parse(scope);
      if (sc.isEmpty()) {
        return usage(
            "unknown scope '" + scope + "': choose national or province:<code> (e.g. province:70)");
      }
    }
    CommitteeReportJob.Selection selection =
        new CommitteeReportJob.Selection(methodologies, p, sc, Optional.ofNullable(boundaries));
    Methodologies registry = ScoringCatalog.registry(Session.config(root).methodologyDir());
    try {
      CommitteeReportJob.checkChoices(registry, selection);
    } catch (CommitteeReportJob.UnknownChoice e) {
      return usage(e.getMessage());
    }
    Session s = Session.open(root);
    ReportReader reader =
        new ReportReader(
            s.context.tables(),
            InputVersions.current(
                s.context.tables(), ReportReader.TABLES.toArray(TableSpec[]::new)));
    List<ReportRequest> plan;
    try {
      plan = CommitteeReportJob.plan(reader, registry, selection);
    } catch (CommitteeReportJob.UnknownChoice e) {
      return usage(e.getMessage());
    }
    if (plan.isEmpty()) {
      System.out.println("Nothing scored yet: run 'dti nightly' first.");
      return 0;
    }
    Path dir = out != null ? out : s.config.reportsDir();
    List<Path> files =
        CommitteeReportJob.write(
            reader,
            registry,
            plan,
            dir,
            ZonedDateTime.ofInstant(s.context.clock().instant(), ZoneId.of(s.config.timeZone())),
            s.config.reportIssuer());
    files.forEach(f -> System.out.println("Wrote " + f));
    return 0;
  }

  private static int usage(String message) {
    System.err.println("error: " + message);
    return 2;
  }
}
