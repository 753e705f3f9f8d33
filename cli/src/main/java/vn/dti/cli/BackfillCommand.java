package vn.dti.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.dti.etl.source.LoadWindow;

/** {@code dti backfill}: the nightly run over a range of business days. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Load the business days from --from to --to (both inclusive) of a source folder, then",
      "recompute what depends on them, as the nightly run does. Days loaded before are recognised",
      "by their files' content and not loaded twice, so a backfill can be repeated or resumed."
    })
final class BackfillCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--source-dir",
      paramLabel = "DIR",
      description = "Source folder as written by 'dti generate'. Default: the committed sample.")
  Path sourceDir;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "First business day to load.")
  LocalDate from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Last business day to load.")
  LocalDate to;

  @Override
  public Integer call() {
    if (from.isAfter(to)) {
      throw new ParameterException(
          spec.commandLine(), "--from " + from + " is after --to " + to + "; swap them");
    }
    return NightlyCommand.runPipeline(
        root,
        sourceDir,
        new NightlyPipeline.Options(
            LoadWindow.between(from, to), NightlyPipeline.Mode.INCREMENTAL));
  }
}
