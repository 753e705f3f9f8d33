package vn.dti.scoring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The scoring's pure core (methodologies, scores, ranks, uncertainty, explanations) is plain Java
 * over plain records: it can be read, tested and reused without Spark, Delta or the warehouse's
 * table catalog. The Spark side (indicator, report) gives it what it needs as parameters.
 */
class ScoringArchitectureTest {
  private static final String[] CORE = {
    "vn.dti.scoring.methodology..",
    "vn.dti.scoring.score..",
    "vn.dti.scoring.rank..",
    "vn.dti.scoring.uncertainty..",
    "vn.dti.scoring.explain.."
  };

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("vn.dti.scoring");

  @Test
  void theCoreImportsNeitherSparkNorTheCatalog() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.apache.spark..",
                "io.delta..",
                "scala..",
                "vn.dti.warehouse.catalog..",
                "vn.dti.warehouse.table..",
                "vn.dti.warehouse.job..",
                "vn.dti.scoring.indicator..",
                "vn.dti.scoring.report..");
    rule.check(MAIN);
  }

  /**
   * In the Spark side, scoring a group and digesting its figures work on plain {@code Figure}
   * records: Spark gathers the figures, the driver scores them without it.
   */
  @Test
  void groupScoringAndPeriodDigestsWorkOnPlainRecords() {
    noClasses()
        .that()
        .haveFullyQualifiedName("vn.dti.scoring.indicator.GroupScoring")
        .or()
        .haveFullyQualifiedName("vn.dti.scoring.indicator.PeriodDigests")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "io.delta..", "scala..")
        .check(MAIN);
  }

  /** The rule is not empty: the core's classes are there, and the rule does catch an import. */
  @Test
  void theRuleSeesTheCoreAndWouldCatchABreach() {
    assertThat(
            MAIN.that(
                com.tngtech.archunit.base.DescribedPredicate.describe(
                    "in the core", c -> c.getPackageName().startsWith("vn.dti.scoring.score"))))
        .hasSizeGreaterThan(5);
    EvaluationResult indicator =
        noClasses()
            .that()
            .resideInAPackage("vn.dti.scoring.indicator..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.spark..")
            .evaluate(MAIN);
    assertThat(indicator.hasViolation()).isTrue();
  }
}
