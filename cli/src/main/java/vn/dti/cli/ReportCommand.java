package vn.dti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import vn.dti.scoring.report.RankingReportJob;

/** {@code dti report}: write the committee's ranking workbook from the current gold tables. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the Steering Committee's ranking workbook (xlsx, Vietnamese) under <data.dir>/reports.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Override
  public Integer call() {
    Session s = Session.open(root);
    return s.runAlone(
        RankingReportJob.STEP,
        last -> RankingReportJob.run(s.context, s.config.reportsDir(), last));
  }
}
