package vn.dti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import vn.dti.warehouse.maintenance.MaintenanceJob;

/** {@code dti maintain}: compact and vacuum every table. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Compact the small files the nightly runs leave into larger ones, and delete the files that",
      "no table version younger than maintenance.retention.hours (default 720 = 30 days) uses.",
      "Time travel, and so re-scoring a published period, reaches back as far as the retention."
    })
final class MaintainCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Override
  public Integer call() {
    Session s = Session.open(root);
    return s.runAlone(
        MaintenanceJob.STEP, last -> MaintenanceJob.run(s.context, s.config.retention()));
  }
}
