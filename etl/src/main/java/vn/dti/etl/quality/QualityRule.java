package vn.dti.etl.quality;

import java.util.Objects;

/**
 * One declared quality rule.
 *
 * @param code the rule's code, also the quarantine reason code of the records it rejects
 * @param table the silver table it applies to, e.g. {@code silver.dossier}
 * @param severity what happens to a record that breaks it
 * @param description what the rule checks, in English (quarantine detail, data dictionary)
 * @param descriptionVi the same in Vietnamese
 * @param violation a Spark SQL predicate over the table's columns, true for a record that breaks
 *     the rule (null counts as not breaking it)
 * @param line where the rule starts in its file, for messages
 */
public record QualityRule(
    String code,
    String table,
    Severity severity,
    String description,
    String descriptionVi,
    String violation,
    int line) {

  /** What breaking a rule does. */
  public enum Severity {
    /** The record goes to quarantine with the rule's code; the stored version stands. */
    REJECT,
    /** The record is accepted; the breach is counted in {@code ops.quality_result}. */
    WARN
  }

  public QualityRule {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(descriptionVi, "descriptionVi");
    Objects.requireNonNull(violation, "violation");
    if (!code.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("rule code must be UPPER_SNAKE_CASE: " + code);
    }
  }
}
