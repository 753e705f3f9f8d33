package vn.dti.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.dti.scoring.indicator.MetricCompiler;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Aggregate;
import vn.dti.scoring.methodology.Methodologies;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Node;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.config.ConfigLoader;
import vn.dti.warehouse.spark.SparkSessions;

/**
 * {@code dti methodology list|validate|show}: the registry of methodology files (the jar's and the
 * operator's {@code methodology.dir}), a file checked before it is dropped there, and one
 * methodology's tree.
 */
@Command(
    name = "methodology",
    mixinStandardHelpOptions = true,
    description = "The methodologies the nightly run scores: list, validate a file, show a tree.",
    subcommands = {
      MethodologyCommand.ListCommand.class,
      MethodologyCommand.ValidateCommand.class,
      MethodologyCommand.ShowCommand.class
    })
final class MethodologyCommand {
  @ParentCommand DtiCommand root;

  private static Methodologies registry(DtiCommand root) {
    return ScoringCatalog.registry(Session.config(root).methodologyDir());
  }

  /** The periods a methodology is scored for: its kind and the months it applies to. */
  static String periods(Methodology m) {
    return String.join(",", m.periodKinds()) + ", " + m.applies();
  }

  /** The levels scored, and whether provinces are restated on the 34 of 2025. */
  static String levels(Methodology m) {
    return String.join(",", m.levels())
        + (m.boundaries().contains(Methodology.RESTATED) ? " (+restated)" : "");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Every methodology the nightly run scores: id, name, periods, levels, hash, file.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand MethodologyCommand parent;

    @Override
    public Integer call() {
      List<Methodologies.Entry> entries = registry(parent.root).entries();
      // Columns as wide as their longest value, so that an operator's long id stays aligned.
      int id = "id".length();
      int kinds = "periods".length();
      int levels = "levels".length();
      for (Methodologies.Entry e : entries) {
        id = Math.max(id, e.methodology().id().length());
        kinds = Math.max(kinds, periods(e.methodology()).length());
        levels = Math.max(levels, levels(e.methodology()).length());
      }
      String format = "%-" + id + "s  %-" + kinds + "s  %-" + levels + "s  %-12s  %s%n";
      System.out.printf(Locale.ROOT, format, "id", "periods", "levels", "hash", "file");
      for (Methodologies.Entry e : entries) {
        Methodology m = e.methodology();
        System.out.printf(
            Locale.ROOT,
            format,
            m.id(),
            periods(m),
            levels(m),
            m.ref().hash().substring(0, 12),
            e.file());
        System.out.printf(Locale.ROOT, "  %s%n", m.nameVi());
      }
      System.out.printf(Locale.ROOT, "%d methodologies%n", entries.size());
      return 0;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check a methodology file as the nightly run would read it: every check of the parser, the",
        "id against the registry, and each metric's SQL compiled against the catalog's schemas",
        "(Spark, embedded, over empty tables: nothing is read). Exit 2 on any error."
      })
  static final class ValidateCommand implements Callable<Integer> {
    @ParentCommand MethodologyCommand parent;

    @Parameters(paramLabel = "FILE", description = "The methodology file (.yaml).")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        System.err.println("error: " + file + ": no such file");
        return 2;
      }
      Methodology m;
      try {
        m = Methodologies.parseFile(file, ScoringCatalog.sourceTables());
      } catch (WarehouseException e) {
        System.err.println("error: " + e.getMessage());
        return 2;
      }
      Methodologies registry = registry(parent.root);
      Optional<Methodologies.Entry> same = registry.find(m.id());
      if (same.isPresent() && !isSameFile(same.get().file(), file)) {
        System.err.println(
            "error: "
                + file
                + ": id "
                + m.id()
                + " is already claimed by "
                + same.get().file()
                + "; give this file another id");
        return 2;
      }
      Map<String, String> local = new LinkedHashMap<>(parent.root.conf);
      local.put(ConfigLoader.SPARK_MASTER, "local[1]");
      local.put(ConfigLoader.SPARK_UI, "false");
      List<String> problems =
          MetricCompiler.problems(
              m,
              file.toString(),
              SparkSessions.getOrCreate(new ConfigLoader().load(parent.root.configFile, local)));
      if (!problems.isEmpty()) {
        problems.forEach(p -> System.err.println("error: " + p));
        return 2;
      }
      System.out.printf(
          Locale.ROOT,
          "%s: valid. %s (%s), %d nodes, %d metrics compiled against the catalog; periods %s;"
              + " levels %s%n",
          file,
          m.id(),
          m.ref().hash().substring(0, 12),
          m.nodes().size(),
          m.metrics().size(),
          periods(m),
          String.join(",", m.levels()));
      return 0;
    }

    private static boolean isSameFile(String registered, Path file) {
      return !registered.startsWith("jar:")
          && Path.of(registered)
              .toAbsolutePath()
              .normalize()
              .equals(file.toAbsolutePath().normalize());
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "One methodology's tree: each node's points, source and rule, then the aggregates.")
  static final class ShowCommand implements Callable<Integer> {
    @ParentCommand MethodologyCommand parent;

    @Parameters(paramLabel = "ID", description = "A methodology id (see dti methodology list).")
    String id;

    @Override
    public Integer call() {
      Methodologies registry = registry(parent.root);
      Optional<Methodologies.Entry> e = registry.find(id);
      if (e.isEmpty()) {
        System.err.println(
            "error: unknown methodology '"
                + id
                + "': choose one of "
                + String.join(", ", registry.ids()));
        return 2;
      }
      Methodology m = e.get().methodology();
      System.out.printf(Locale.ROOT, "%s — %s%n", m.id(), m.nameVi());
      System.out.printf(Locale.ROOT, "  %s%n", m.nameEn());
      System.out.printf(
          Locale.ROOT,
          "  file %s, hash %s%n  periods %s; levels %s; boundaries %s; published as %s, %d decimals%n%n",
          e.get().file(),
          m.ref().hash().substring(0, 12),
          periods(m),
          String.join(",", m.levels()),
          String.join(",", m.boundaries()),
          m.publication().figure().name().toLowerCase(Locale.ROOT),
          m.publication().decimals());
      print(m, m.root(), 0);
      if (!m.aggregates().isEmpty()) {
        System.out.println();
        for (Aggregate a : m.aggregates()) {
          System.out.printf(
              Locale.ROOT,
              "%-18s %6s  %s = %s%n",
              a.code(),
              points(a.maxPoints()),
              a.nameVi(),
              String.join(" + ", a.of()));
        }
      }
      return 0;
    }

    private static void print(Methodology m, Node n, int depth) {
      String source =
          n.source()
              .map(
                  s ->
                      s instanceof Node.Source.FromMetric fm
                          ? "metric " + fm.metric()
                          : "input " + ((Node.Source.FromInput) s).indicatorCode())
              .orElse("");
      String rule =
          n.isLeaf()
              ? "  [" + source + "; rule " + n.rule() + "; when empty " + n.whenEmpty() + "]"
              : "";
      System.out.printf(
          Locale.ROOT,
          "%-18s %6s  %s%s%n",
          "  ".repeat(depth) + n.code(),
          points(n.maxPoints()),
          n.nameVi(),
          rule);
      for (String child : n.children()) {
        print(m, m.node(child).orElseThrow(), depth + 1);
      }
    }

    private static String points(BigDecimal p) {
      return p.stripTrailingZeros().toPlainString();
    }
  }
}
