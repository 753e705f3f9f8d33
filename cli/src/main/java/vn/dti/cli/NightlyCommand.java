package vn.dti.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.source.LoadWindow;
import vn.dti.sample.SampleSource;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepRunner;

/** {@code dti nightly}: the whole run over a source folder (the committed sample by default). */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Load a source folder into the warehouse and recompute everything that depends on what changed:",
      "reference → bronze → silver → gold → indicator → ranking → DuckDB → Excel report.",
      "Without --source-dir the committed sample is loaded (the embedded demo)."
    })
final class NightlyCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;

  @Option(
      names = "--source-dir",
      paramLabel = "DIR",
      description =
          "Source folder as written by 'dti generate' (portal/, reference/). Default: the committed sample.")
  Path sourceDir;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description =
          "Business day to load: its portal and payment files, and the document-management changes"
              + " made up to its end. Default: every day delivered and not loaded yet.")
  LocalDate date;

  @Option(
      names = "--full-rebuild",
      description =
          "Rebuild silver, quarantine and gold from bronze (which keeps every record as received)"
              + " instead of applying only what changed.")
  boolean fullRebuild;

  @Override
  public Integer call() {
    LoadWindow window = date == null ? LoadWindow.all() : LoadWindow.day(date);
    NightlyPipeline.Mode mode =
        fullRebuild ? NightlyPipeline.Mode.FULL_REBUILD : NightlyPipeline.Mode.INCREMENTAL;
    return runPipeline(root, sourceDir, new NightlyPipeline.Options(window, mode));
  }

  /**
   * Opens the warehouse, runs the pipeline over {@code sourceDir} (the committed sample, with the
   * demo key, when null) and prints the summary.
   */
  static int runPipeline(DtiCommand root, Path sourceDir, NightlyPipeline.Options options) {
    Session s = Session.open(root);
    Path source = sourceDir;
    PseudonymKey.DemoKey demo = PseudonymKey.DemoKey.REFUSED;
    if (source == null) {
      source = SampleSource.extractTo(s.config.dataDir().resolve("source-sample"));
      demo = PseudonymKey.DemoKey.ALLOWED;
    }
    PseudonymKey key = PseudonymKey.fromEnvironment(Session.environment(), demo);
    runAndPrint(s, source, key, options);
    return 0;
  }

  /** Runs the pipeline in an open session and prints the summary of its steps. */
  static void runAndPrint(
      Session s, Path source, PseudonymKey key, NightlyPipeline.Options options) {
    List<StepRecord> steps = new NightlyPipeline(s.context, s.config, key).run(source, options);
    System.out.println();
    System.out.println(
        "Run "
            + s.context.runId()
            + " finished ("
            + options.window().describe()
            + (options.mode() == NightlyPipeline.Mode.FULL_REBUILD ? ", full rebuild" : "")
            + "): "
            + steps.size()
            + " steps");
    steps.forEach(r -> System.out.println("  " + StepRunner.describe(r)));
    System.out.println();
    System.out.println("Warehouse:      " + s.config.warehouseLocation());
    System.out.println("Analysts' DB:   " + s.config.duckDbFile());
    System.out.println("Reports:        " + s.config.reportsDir());
  }
}
