package vn.dti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code dti publish}: refresh the analysts' DuckDB file from the warehouse. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description =
        "Publish the gold tables, the chosen silver tables (publish.silver), the quarantine's"
            + " counts and the run records to the analysts' DuckDB file (skipped when it is up to"
            + " date).")
final class PublishCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Override
  public Integer call() {
    Session s = Session.open(root);
    return s.runAlone(PublishStep.STEP, last -> PublishStep.run(s.context, s.config, last));
  }
}
