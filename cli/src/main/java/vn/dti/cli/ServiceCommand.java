package vn.dti.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.source.LoadWindow;
import vn.dti.warehouse.config.WarehouseConfig;

/**
 * {@code dti service}: stays up and runs the nightly load at fixed times each day, in one JVM and
 * one Spark session ({@link NightlyService}).
 */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = {
      "Stay up and run the nightly load at the given times each day, in one JVM and one Spark"
          + " session: after the first, a night costs what its data costs, without the JVM's start"
          + " and warm-up. Each night loads every day delivered and not loaded yet, as 'dti"
          + " nightly' does. The configuration is read when the service starts.",
      "Run it under a supervisor that starts it again when it ends: exit 75 when a night left"
          + " too much of the heap behind (a fresh JVM is wanted), 1 when Spark stopped. Ctrl-C or"
          + " a kill stops it; a night it interrupts is picked up by the next."
    })
final class ServiceCommand implements Callable<Integer> {
  @ParentCommand DtiCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--source-dir",
      required = true,
      paramLabel = "DIR",
      description = "Source folder the source systems deliver into, as written by 'dti generate'.")
  Path sourceDir;

  @Option(
      names = "--at",
      split = ",",
      paramLabel = "HH:MM",
      defaultValue = "02:00",
      description =
          "Times of day a night starts, in the configured time zone (time.zone). Default: ${DEFAULT-VALUE}.")
  List<LocalTime> at;

  @Option(names = "--now", description = "Also start a night at once, then keep the schedule.")
  boolean now;

  @Option(
      names = "--nights",
      paramLabel = "N",
      defaultValue = "0",
      description = "End after N nights (0: no limit). Default: ${DEFAULT-VALUE}.")
  int nights;

  @Option(
      names = "--max-retained-heap",
      paramLabel = "PERCENT",
      defaultValue = "50",
      description =
          "End with exit 75 when what a night leaves behind holds more than this share of the"
              + " maximum heap after a full collection. Default: ${DEFAULT-VALUE}.")
  int maxRetainedHeap;

  @Override
  public Integer call() {
    WarehouseConfig config = Session.config(root);
    NightlyService.Settings settings;
    try {
      settings =
          new NightlyService.Settings(
              new NightlyService.Schedule(at, ZoneId.of(config.timeZone())),
              now,
              nights,
              maxRetainedHeap);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!Files.isDirectory(sourceDir)) {
      throw new ParameterException(
          spec.commandLine(), "--source-dir " + sourceDir + " is not a folder");
    }
    // Refused now, not at the first night.
    PseudonymKey key =
        PseudonymKey.fromEnvironment(Session.environment(), PseudonymKey.DemoKey.REFUSED);
    // Spark starts now, so that a configuration it refuses is known at once.
    Session first = Session.open(root);
    NightlyPipeline.Options options =
        new NightlyPipeline.Options(LoadWindow.all(), NightlyPipeline.Mode.INCREMENTAL);
    NightlyService service =
        new NightlyService(
            settings,
            Clock.systemUTC(),
            NightlyService::sleepUntil,
            NightlyService::collectedHeap,
            () -> !first.context.spark().sparkContext().isStopped(),
            spec.commandLine().getErr(),
            root.verbose());
    return service.run(
        number ->
            NightlyCommand.runAndPrint(
                number == 1 ? first : first.nextRun(), sourceDir, key, options));
  }
}
