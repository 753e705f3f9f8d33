package vn.dti.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.dti.sample.gen.SourceGenerator;
import vn.dti.sample.gen.SourceGenerator.Summary;

/**
 * {@code dti generate}: realistic source extracts of the three systems and the self-assessment
 * forms.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a source folder (portal/, payments/, dms/, assessment/, reference/, manifest.csv) as the real systems",
      "deliver it, at any scale, deterministic for a seed. 'dti nightly --source-dir DIR' loads it."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write (created; must be empty or absent).")
  Path out;

  @Option(
      names = "--scale",
      defaultValue = "0.01",
      paramLabel = "SF",
      description =
          "Scale factor: SF x 1.5 M dossiers, 0.5 M documents a year over the country (default ${DEFAULT-VALUE}).")
  double scale;

  @Option(
      names = "--years",
      defaultValue = "2023-2024",
      paramLabel = "YYYY-YYYY",
      description = "Years to cover (default ${DEFAULT-VALUE}).")
  String years;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description =
          "Random seed; the same seed gives byte-identical files (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--dirty-rate",
      defaultValue = "0.01",
      paramLabel = "RATE",
      description =
          "Share of records given a defect, listed in manifest.csv (default ${DEFAULT-VALUE}).")
  double dirtyRate;

  @Option(
      names = "--focus",
      split = ",",
      paramLabel = "CODE",
      description =
          "Provinces (63-era codes) generated in depth, e.g. 70,24,60; the others get the rest thinly.")
  List<String> focus = new ArrayList<>();

  @Option(
      names = "--focus-share",
      defaultValue = "0.8",
      paramLabel = "SHARE",
      description =
          "Share of the volume the --focus provinces take together (default ${DEFAULT-VALUE}).")
  double focusShare;

  @Option(
      names = "--gzip",
      description = "Write the portal's JSON Lines gzip-compressed (.jsonl.gz).")
  boolean gzip;

  @Option(
      names = "--communes-per-district",
      defaultValue = "16",
      paramLabel = "N",
      description =
          "Average communes per district in the unit catalogue (default ${DEFAULT-VALUE}).")
  int communesPerDistrict;

  @Override
  public Integer call() throws Exception {
    int from;
    int to;
    try {
      String[] y = years.split("-");
      from = Integer.parseInt(y[0].trim());
      to = y.length > 1 ? Integer.parseInt(y[1].trim()) : from;
    } catch (RuntimeException e) {
      throw new ParameterException(
          commandSpec.commandLine(), "--years must look like 2023-2024, got '" + years + "'");
    }
    if (java.nio.file.Files.isDirectory(out)) {
      try (var s = java.nio.file.Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new ParameterException(
              commandSpec.commandLine(), "--out " + out + " is not empty; choose a new folder");
        }
      }
    }
    SourceGenerator.Spec spec;
    try {
      spec =
          new SourceGenerator.Spec(
              scale,
              from,
              to,
              seed,
              dirtyRate,
              focus,
              focus.isEmpty() ? 0 : focusShare,
              communesPerDistrict,
              gzip);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandSpec.commandLine(), e.getMessage());
    }
    java.nio.file.Files.createDirectories(out);
    long t0 = System.nanoTime();
    Summary s = SourceGenerator.generate(spec, out, line -> System.err.println(line));
    System.out.printf(
        Locale.ROOT,
        "Wrote %s in %.1f s: %,d dossiers (%,d portal lines), %,d feedback items, %,d payment records, %,d documents,"
            + " %,d self-assessment forms, %,d injected defects (manifest.csv)%n",
        out,
        (System.nanoTime() - t0) / 1e9,
        s.dossiers(),
        s.portalLines(),
        s.feedback(),
        s.payments(),
        s.documents(),
        s.assessmentForms(),
        s.defects());
    return 0;
  }
}
