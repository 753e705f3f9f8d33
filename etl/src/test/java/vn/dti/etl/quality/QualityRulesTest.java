package vn.dti.etl.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;

class QualityRulesTest {
  private static String rule(String code, String table, String severity) {
    return "  - code: "
        + code
        + "\n    table: "
        + table
        + "\n    severity: "
        + severity
        + "\n    description: d\n    description_vi: m\n    violation: amount_vnd < 0\n";
  }

  @Test
  void theShippedRulesParseAndEachTableHasSome() {
    QualityRules rules = QualityRules.standard();
    assertThat(rules.all()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(rules.all()).extracting(QualityRule::code).doesNotHaveDuplicates();
    assertThat(rules.forTable(Tables.SILVER_DOSSIER))
        .extracting(QualityRule::code)
        .startsWith("DOSSIER_DUE_BEFORE_RECEIPT");
    assertThat(rules.forTable(Tables.SILVER_PAYMENT)).isNotEmpty();
    assertThat(rules.forTable(Tables.SILVER_DOCUMENT)).isNotEmpty();
    assertThat(rules.forTable(Tables.SILVER_FEEDBACK)).isNotEmpty();
    assertThat(rules.forTable(Tables.SILVER_ASSESSMENT_VALUE)).isNotEmpty();
  }

  @Test
  void aRuleKeepsItsLineAndFields() {
    QualityRules rules =
        QualityRules.parse(
            "r.yaml",
            "# header\nrules:\n"
                + rule("A_RULE", "silver.payment", "warn")
                + rule("B_RULE", "silver.payment", "REJECT"));
    assertThat(rules.all()).hasSize(2);
    QualityRule b = rules.all().get(1);
    assertThat(b.line()).isEqualTo(9);
    assertThat(b.severity()).isEqualTo(QualityRule.Severity.REJECT);
    assertThat(b.table()).isEqualTo("silver.payment");
    assertThat(b.violation()).isEqualTo("amount_vnd < 0");
  }

  @Test
  void anUnknownSeverityIsNamedWithItsLine() {
    assertThatThrownBy(
            () ->
                QualityRules.parse(
                    "r.yaml", "rules:\n" + rule("A_RULE", "silver.payment", "fatal")))
        .isInstanceOf(WarehouseException.class)
        .hasMessage("r.yaml, line 4: severity 'fatal' is not one of reject, warn");
  }

  @Test
  void aCodeDeclaredTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                QualityRules.parse(
                    "r.yaml",
                    "rules:\n"
                        + rule("A_RULE", "silver.payment", "warn")
                        + rule("A_RULE", "silver.dossier", "warn")))
        .hasMessage("r.yaml, line 8: code A_RULE is declared twice (first on line 2)");
  }

  @Test
  void aTableOutsideSilverIsRefusedNamingTheChoices() {
    assertThatThrownBy(
            () -> QualityRules.parse("r.yaml", "rules:\n" + rule("A_RULE", "gold.ranking", "warn")))
        .hasMessageStartingWith(
            "r.yaml, line 3: 'gold.ranking' is not a silver table of the catalog; rules apply to")
        .hasMessageContaining("silver.dossier");
  }

  @Test
  void aBuiltInReasonCodeCannotBeReused() {
    assertThatThrownBy(
            () ->
                QualityRules.parse(
                    "r.yaml", "rules:\n" + rule("INVALID_DATE", "silver.payment", "warn")))
        .hasMessageContaining("line 2: code INVALID_DATE is a built-in reason code");
  }

  @Test
  void aMisspeltKeyIsNotSilentlyIgnored() {
    assertThatThrownBy(
            () ->
                QualityRules.parse(
                    "r.yaml",
                    "rules:\n" + rule("A_RULE", "silver.payment", "warn") + "    severty: warn\n"))
        .hasMessageStartingWith("r.yaml, line 8: unknown key 'severty'");
  }

  @Test
  void aMissingFieldAndBrokenYamlAreNamed() {
    assertThatThrownBy(
            () ->
                QualityRules.parse(
                    "r.yaml", "rules:\n  - code: A_RULE\n    table: silver.payment\n"))
        .hasMessage("r.yaml, line 2: 'severity' is missing");
    assertThatThrownBy(() -> QualityRules.parse("r.yaml", "rules:\n  - code: [unclosed\n"))
        .hasMessageStartingWith("r.yaml, line ")
        .hasMessageContaining("not valid YAML");
  }
}
