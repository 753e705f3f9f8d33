package vn.dti.scoring.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodologies;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Periods;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;

/**
 * The committee's workbooks: which ones a request asks for (every methodology scored, its latest
 * complete period, the national ranking and each province's own units by default), and the ledger
 * step that writes the latest ones each night.
 */
public final class CommitteeReportJob {
  public static final String STEP = "report.workbooks";

  private static final Logger LOG = LoggerFactory.getLogger(CommitteeReportJob.class);

  private CommitteeReportJob() {}

  /**
   * What a command line asks for; an empty field takes its default.
   *
   * @param methodologies ids; empty: every methodology scored
   * @param period empty: each methodology's latest complete period
   * @param scope empty: the national ranking where the methodology ranks provinces, and each
   *     province scored where it ranks a province's own units
   * @param boundaries empty: as reported, and restated on the 34 provinces too for a national
   *     ranking whose methodology restates
   */
  public record Selection(
      List<String> methodologies,
      Optional<ReportPeriod> period,
      Optional<ReportScope> scope,
      Optional<String> boundaries) {
    public Selection {
      methodologies = List.copyOf(methodologies);
    }

    /** Everything by default: the nightly run's selection. */
    public static Selection latest() {
      return new Selection(List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** A choice on the command line that names nothing the warehouse knows; the command exits 2. */
  public static final class UnknownChoice extends WarehouseException {
    private static final long serialVersionUID = 1L;

    UnknownChoice(String message) {
      super(message);
    }
  }

  /**
   * Checks what needs no table: methodology ids and boundaries.
   *
   * @throws UnknownChoice naming the value and the valid choices
   */
  public static void checkChoices(Methodologies registry, Selection s) {
    for (String id : s.methodologies()) {
      if (registry.find(id).isEmpty()) {
        throw new UnknownChoice(
            "unknown methodology '" + id + "': choose one of " + String.join(", ", registry.ids()));
      }
    }
    s.boundaries()
        .filter(b -> !b.equals(Methodology.AS_REPORTED) && !b.equals(Methodology.RESTATED))
        .ifPresent(
            b -> {
              throw new UnknownChoice(
                  "unknown boundaries '"
                      + b
                      + "': choose "
                      + Methodology.AS_REPORTED
                      + " or "
                      + Methodology.RESTATED);
            });
  }

  /**
   * The workbooks a selection asks for.
   *
   * @throws UnknownChoice for a province code that no unit has
   */
  public static List<ReportRequest> plan(ReportReader reader, Methodologies registry, Selection s) {
    checkChoices(registry, s);
    s.scope()
        .flatMap(ReportScope::provinceCode)
        .ifPresent(
            code -> {
              Map<String, String> provinces = reader.provinces();
              if (!provinces.containsKey(code)) {
                throw new UnknownChoice(
                    "unknown province code '"
                        + code
                        + "': choose one of "
                        + String.join(", ", provinces.keySet())
                        + " (e.g. --scope province:"
                        + provinces.keySet().stream().findFirst().orElse("70")
                        + ")");
              }
            });
    List<ReportReader.Scored> scored = reader.scored();
    List<String> ids =
        s.methodologies().isEmpty()
            ? new ArrayList<>(
                new TreeSet<>(
                    scored.stream()
                        .map(ReportReader.Scored::methodologyId)
                        .filter(id -> registry.find(id).isPresent())
                        .toList()))
            : s.methodologies();
    Optional<java.time.LocalDate> lastDay =
        s.period().isPresent() ? Optional.empty() : reader.lastDataDay();
    List<ReportRequest> out = new ArrayList<>();
    for (String id : ids) {
      Methodology file = registry.find(id).orElseThrow().methodology();
      // The kind of period asked for (a quarter of the monthly 766), else the file's main one.
      Methodology m =
          s.period()
              .filter(p -> file.periodKinds().contains(Periods.kind(p.code())))
              .map(p -> file.forPeriod(p.code()))
              .orElse(file);
      List<ReportReader.Scored> mine =
          scored.stream()
              .filter(
                  x -> x.methodologyId().equals(id) && Periods.kind(x.period()).equals(m.period()))
              .toList();
      Optional<ReportPeriod> period = s.period().or(() -> latestComplete(mine, lastDay));
      if (period.isEmpty()) {
        // Nothing scored yet: the latest period the data covers, so the cover can say so.
        period = lastDay.map(d -> latest(ReportPeriod.Kind.of(m.period()), d));
      }
      if (period.isEmpty()) {
        continue;
      }
      String p = period.get().code();
      List<ReportScope> scopes = new ArrayList<>();
      if (s.scope().isPresent()) {
        scopes.add(s.scope().get());
      } else {
        if (m.levels().contains("province")) {
          scopes.add(ReportScope.national());
        }
        mine.stream()
            .filter(x -> x.period().equals(p) && !x.scopeCode().equals(ReportScope.NATIONAL_CODE))
            .map(ReportReader.Scored::scopeCode)
            .distinct()
            .sorted()
            .forEach(c -> scopes.add(ReportScope.province(c)));
      }
      for (ReportScope scope : scopes) {
        List<String> boundaries =
            s.boundaries()
                .map(List::of)
                .orElse(
                    scope.isNational() && m.boundaries().contains(Methodology.RESTATED)
                        ? List.of(Methodology.AS_REPORTED, Methodology.RESTATED)
                        : List.of(Methodology.AS_REPORTED));
        for (String b : boundaries) {
          out.add(new ReportRequest(id, period.get(), scope, b));
        }
      }
    }
    return out;
  }

  /** The latest period scored that the data covers to its last day (else the latest scored). */
  static Optional<ReportPeriod> latestComplete(
      List<ReportReader.Scored> scored, Optional<java.time.LocalDate> lastDay) {
    List<ReportPeriod> periods =
        scored.stream()
            .map(x -> ReportPeriod.parse(x.period()))
            .flatMap(Optional::stream)
            .distinct()
            .sorted()
            .toList();
    Optional<ReportPeriod> complete =
        periods.stream()
            .filter(p -> lastDay.map(d -> !p.lastDay().isAfter(d)).orElse(true))
            .reduce((a, b) -> b);
    return complete.or(() -> periods.stream().reduce((a, b) -> b));
  }

  private static ReportPeriod latest(ReportPeriod.Kind kind, java.time.LocalDate day) {
    ReportPeriod p =
        switch (kind) {
          case MONTH -> new ReportPeriod(kind, day.getYear(), day.getMonthValue());
          case QUARTER -> new ReportPeriod(kind, day.getYear(), (day.getMonthValue() + 2) / 3);
          case YEAR -> new ReportPeriod(kind, day.getYear(), 1);
        };
    return p.lastDay().isAfter(day) ? p.previous() : p;
  }

  /**
   * Writes the workbooks of a plan and returns their paths, in the plan's order. The data are read
   * first (Spark; one read per methodology, boundaries and period), then the workbooks are laid out
   * and written on every core: each is independent plain Java.
   */
  public static List<Path> write(
      ReportReader reader,
      Methodologies registry,
      List<ReportRequest> plan,
      Path dir,
      ZonedDateTime generatedAt,
      String issuer) {
    long all = System.nanoTime();
    List<ReportData> data = new ArrayList<>();
    Map<String, Methodology> methodologies = new java.util.HashMap<>();
    for (ReportRequest r : plan) {
      Methodology m =
          methodologies.computeIfAbsent(
              r.methodologyId(), id -> ScoringCatalog.methodology(registry, id));
      data.add(reader.read(m, r, generatedAt, issuer));
    }
    long read = System.nanoTime();
    int threads = Math.max(1, Math.min(plan.size(), Runtime.getRuntime().availableProcessors()));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Path>> files = new ArrayList<>();
      for (ReportData d : data) {
        files.add(pool.submit(() -> written(d, dir)));
      }
      List<Path> out = new ArrayList<>();
      for (java.util.concurrent.Future<Path> f : files) {
        out.add(result(f));
      }
      if (!out.isEmpty()) {
        LOG.info(
            "wrote {} workbook(s) to {} in {} ms (data read in {} ms, then {} at a time)",
            out.size(),
            dir,
            (System.nanoTime() - all) / 1_000_000,
            (read - all) / 1_000_000,
            threads);
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Path written(ReportData data, Path dir) {
    long started = System.nanoTime();
    Path file = CommitteeWorkbook.write(new CommitteeReport(data), dir);
    // One line a workbook would bury a night's log (a province set is 60 workbooks): DEBUG.
    LOG.debug(
        "report {} ({} score rows{}) written in {} ms",
        file.getFileName(),
        data.scores().size(),
        data.isEmpty() ? ", no data for the period" : "",
        (System.nanoTime() - started) / 1_000_000);
    return file;
  }

  private static Path result(java.util.concurrent.Future<Path> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WarehouseException("Interrupted while writing the committee's workbooks", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new WarehouseException(
          "Cannot write a committee workbook: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * The nightly step: the latest workbooks, written again when a table they read has changed (or
   * one of them is missing).
   */
  public static StepResult run(
      JobContext ctx,
      Methodologies registry,
      Path dir,
      String issuer,
      ZoneId zone,
      Optional<StepRecord> last) {
    InputVersions inputs =
        InputVersions.current(ctx.tables(), ReportReader.TABLES.toArray(TableSpec[]::new))
            .with("report.issuer", Integer.toHexString(issuer.hashCode()));
    for (Methodologies.Entry e : registry.entries()) {
      // A methodology file's names and tree are on the workbooks.
      inputs = inputs.with("methodology:" + e.methodology().id(), e.methodology().ref().hash());
    }
    Optional<String> lastFiles = last.flatMap(r -> r.outputVersions().of("files"));
    if (inputs.sameAs(last)
        && lastFiles
            .map(
                f -> Arrays.stream(f.split(",")).allMatch(n -> Files.isRegularFile(dir.resolve(n))))
            .orElse(false)) {
      return StepResult.upToDate("gold scores unchanged", inputs, last.get().outputVersions());
    }
    if (inputs.versionOf(vn.dti.warehouse.catalog.Tables.GOLD_SCORE) < 0) {
      return StepResult.done(
          StepCounts.derived(0, 0, "nothing scored yet"), inputs, InputVersions.parse(""));
    }
    ReportReader reader = new ReportReader(ctx.tables(), inputs);
    List<ReportRequest> plan = plan(reader, registry, Selection.latest());
    List<Path> files =
        write(
            reader,
            registry,
            plan,
            dir,
            ZonedDateTime.ofInstant(ctx.clock().instant(), zone),
            issuer);
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(
        "files", String.join(",", files.stream().map(p -> p.getFileName().toString()).toList()));
    return StepResult.done(
        StepCounts.derived(plan.size(), files.size(), files.size() + " workbook(s) in " + dir),
        inputs,
        new InputVersions(outputs));
  }
}
