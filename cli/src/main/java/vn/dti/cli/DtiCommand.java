package vn.dti.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code dti} command and the options every sub-command shares. */
@Command(
    name = "dti",
    mixinStandardHelpOptions = true,
    version = "dti-warehouse 0.1.0",
    description =
        "Digital-transformation warehouse: loads the source systems, computes indices and ranks units.",
    subcommands = {
      NightlyCommand.class,
      BackfillCommand.class,
      ScoreCommand.class,
      MaintainCommand.class,
      BenchmarkCommand.class,
      GenerateCommand.class,
      PublishCommand.class,
      ReportCommand.class,
      RunsCommand.class,
      QueryCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class DtiCommand {
  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Configuration file (Java properties). Default: ./dti.conf when it exists.")
  Path configFile;

  @Option(
      names = "--conf",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description =
          "Override one configuration key, e.g. --conf data.dir=/srv/dti or --conf spark.master=local[2].")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show stack traces of failures.")
  boolean verbose;

  boolean verbose() {
    return verbose;
  }
}
