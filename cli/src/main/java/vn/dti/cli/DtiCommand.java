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
      ServiceCommand.class,
      ScoreCommand.class,
      MethodologyCommand.class,
      RescoreCommand.class,
      MaintainCommand.class,
      BenchmarkCommand.class,
      GenerateCommand.class,
      ServeDmsCommand.class,
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

  /**
   * Every {@code --conf} given, before and after the sub-command's name, in order (a later value of
   * a key wins).
   */
  final Map<String, String> conf = new LinkedHashMap<>();

  /**
   * Collects {@code --conf} values. A setter, not a field: picocli gives an inherited option its
   * own map in each command it is matched in, so a field would keep only the values given after the
   * sub-command's name and silently drop {@code dti --conf data.dir=… nightly --conf …}'s first.
   */
  @Option(
      names = "--conf",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description =
          "Override one configuration key, e.g. --conf data.dir=/srv/dti or --conf spark.master=local[2].")
  void conf(Map<String, String> values) {
    conf.putAll(values);
  }

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show stack traces of failures.")
  boolean verbose;

  boolean verbose() {
    return verbose;
  }
}
