package vn.dti.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.etl.assessment.BronzeAssessmentJob;
import vn.dti.etl.assessment.SilverAssessmentJob;
import vn.dti.etl.bronze.BronzeDossierJob;
import vn.dti.etl.bronze.FullRebuild;
import vn.dti.etl.dms.DmsExtractJob;
import vn.dti.etl.feedback.FeedbackJobs;
import vn.dti.etl.gold.DimDateJob;
import vn.dti.etl.gold.FctDocumentDailyJob;
import vn.dti.etl.gold.FctDossierDailyJob;
import vn.dti.etl.gold.FctPaymentDailyJob;
import vn.dti.etl.payment.BronzePaymentJob;
import vn.dti.etl.payment.SilverPaymentJob;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.quality.QuarantineCountJob;
import vn.dti.etl.reference.ProcedureReferenceJob;
import vn.dti.etl.reference.UnitReferenceJob;
import vn.dti.etl.silver.SilverDocumentJob;
import vn.dti.etl.silver.SilverDossierJob;
import vn.dti.etl.source.LoadWindow;
import vn.dti.etl.source.SourceFolder;
import vn.dti.scoring.indicator.MethodologyScoreJob;
import vn.dti.scoring.indicator.ScoreTables;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodologies;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.report.CommitteeReportJob;
import vn.dti.warehouse.config.WarehouseConfig;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.RunLedger;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepRunner;

/**
 * The nightly run: reference → bronze → silver (portal, payments, self-assessment forms, document
 * management) → gold facts → methodology scores → indicator → ranking → DuckDB → report. Each step
 * is recorded in the ledger and skips itself when its inputs have not changed, so a second run over
 * the same sources changes no table.
 */
public final class NightlyPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyPipeline.class);

  /**
   * What a run loads and how.
   *
   * @param window the business days to load (default: every day delivered; files already loaded are
   *     recognised by their content and skipped)
   * @param mode incremental (the default) or a full rebuild of silver and gold from bronze
   */
  public record Options(LoadWindow window, Mode mode) {
    public Options {
      java.util.Objects.requireNonNull(window, "window");
      java.util.Objects.requireNonNull(mode, "mode");
    }

    /** The nightly default: every day not loaded yet, incrementally. */
    public static Options nightly() {
      return new Options(LoadWindow.all(), Mode.INCREMENTAL);
    }
  }

  /** Whether a run applies what changed or rebuilds everything derived from bronze. */
  public enum Mode {
    /** Each step does only what its inputs' changes require (the default). */
    INCREMENTAL,
    /** Silver, quarantine and gold are emptied and recomputed from bronze. */
    FULL_REBUILD
  }

  private final JobContext context;
  private final WarehouseConfig config;
  private final PseudonymKey key;

  public NightlyPipeline(JobContext context, WarehouseConfig config, PseudonymKey key) {
    this.context = context;
    this.config = config;
    this.key = key;
  }

  /** Runs every step over {@code sourceDir}, every day, incrementally. */
  public List<StepRecord> run(Path sourceDir) {
    return run(sourceDir, Options.nightly());
  }

  /** Runs every step over the days of {@code sourceDir} that {@code options} select. */
  public List<StepRecord> run(Path sourceDir, Options options) {
    SourceFolder source = new SourceFolder(sourceDir, options.window());
    try (DmsAccess dms = DmsAccess.resolve(System.getenv(), sourceDir)) {
      return run(source, options, dms);
    }
  }

  private List<StepRecord> run(SourceFolder source, Options options, DmsAccess dms) {
    RunLedger ledger = new RunLedger(context.tables());
    try {
      List<StepRecord> done = run(source, options, dms, new StepRunner(context, ledger));
      ledger.flush();
      return done;
    } catch (RuntimeException e) {
      try {
        ledger.flush();
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
  }

  private List<StepRecord> run(
      SourceFolder source, Options options, DmsAccess dms, StepRunner steps) {
    LOG.info(
        "Run {}: source {} ({}), warehouse {}",
        context.runId(),
        source.root(),
        options.window().describe(),
        config.warehouseLocation());
    // Every methodology of the registry: the jar's files and the operator's folder, read again
    // each night (a file added there is scored without a rebuild), and first, so that a file that
    // does not parse stops the night before anything is loaded, naming its file and line.
    Methodologies registry = ScoringCatalog.registry(config.methodologyDir());
    if (key.isDemo()) {
      LOG.warn(
          "Pseudonymising with the built-in demo key: fine for the committed sample, never for real data");
    }
    if (options.mode() == Mode.FULL_REBUILD) {
      FullRebuild.prepare(context);
    }
    List<StepRecord> done = new ArrayList<>();
    done.add(steps.run(UnitReferenceJob.STEP, last -> UnitReferenceJob.run(context, source, last)));
    done.add(
        steps.run(
            ProcedureReferenceJob.STEP, last -> ProcedureReferenceJob.run(context, source, last)));
    done.add(
        steps.run(
            BronzeDossierJob.STEP,
            last -> BronzeDossierJob.run(context, source.portalDossierFiles())));
    done.add(steps.run(SilverDossierJob.STEP, last -> SilverDossierJob.run(context, key)));
    done.add(
        steps.run(
            FeedbackJobs.BRONZE_STEP,
            last -> FeedbackJobs.bronze(context, source.portalFeedbackFiles())));
    done.add(steps.run(FeedbackJobs.SILVER_STEP, last -> FeedbackJobs.silver(context, key)));
    done.add(
        steps.run(
            BronzePaymentJob.STEP, last -> BronzePaymentJob.run(context, source.paymentFiles())));
    done.add(steps.run(SilverPaymentJob.STEP, last -> SilverPaymentJob.run(context, key)));
    done.add(
        steps.run(
            BronzeAssessmentJob.STEP,
            last -> BronzeAssessmentJob.run(context, source.assessmentFiles())));
    done.add(steps.run(SilverAssessmentJob.STEP, last -> SilverAssessmentJob.run(context)));
    LOG.info("{}", dms.description());
    if (dms.available()) {
      // The embedded server, when there is one, starts in the extract step: a failure to start
      // it is that step's, recorded in the ledger after the other sources have loaded.
      done.add(
          steps.run(
              DmsExtractJob.STEP,
              last -> DmsExtractJob.run(context, dms.connect(), source.window().endExclusive())));
      done.add(steps.run(SilverDocumentJob.STEP, last -> SilverDocumentJob.run(context)));
    }
    // The daily facts are independent tables read from different silver tables, and the
    // quarantine's counts read the quarantine: built together.
    Map<String, StepRunner.StepBody> facts = new LinkedHashMap<>();
    facts.put(FctDossierDailyJob.STEP, last -> FctDossierDailyJob.run(context, last));
    facts.put(FctPaymentDailyJob.STEP, last -> FctPaymentDailyJob.run(context, last));
    facts.put(FeedbackJobs.GOLD_STEP, last -> FeedbackJobs.gold(context, last));
    facts.put(QuarantineCountJob.STEP, last -> QuarantineCountJob.run(context, last));
    if (dms.available()) {
      facts.put(FctDocumentDailyJob.STEP, last -> FctDocumentDailyJob.run(context, last));
    }
    done.addAll(steps.runTogether(facts));
    // The calendar covers the years the dossier facts do.
    done.add(steps.run(DimDateJob.STEP, last -> DimDateJob.run(context, last)));
    // The methodologies read the same facts and each replaces its own partition of the scoring
    // tables: they are scored at the same time (the tables created first, once).
    ScoreTables.TABLES.forEach(context.tables()::createIfMissing);
    Map<String, StepRunner.StepBody> scoring = new LinkedHashMap<>();
    for (Methodology file : registry.all()) {
      // Each kind of period the file is scored by (month, quarter, year) is a step of its own.
      for (Methodology m : file.byKind()) {
        scoring.put(MethodologyScoreJob.step(m), last -> MethodologyScoreJob.run(context, m, last));
      }
    }
    done.addAll(steps.runTogether(scoring));
    done.add(steps.run(PublishStep.STEP, last -> PublishStep.run(context, config, last)));
    done.add(
        steps.run(
            CommitteeReportJob.STEP,
            last ->
                CommitteeReportJob.run(
                    context,
                    registry,
                    config.reportsDir(),
                    config.reportIssuer(),
                    java.time.ZoneId.of(config.timeZone()),
                    last)));
    return done;
  }
}
