package vn.dti.scoring.methodology;

import java.util.Objects;
import java.util.Optional;

/**
 * A measured figure: {@code numerator / denominator}, two SQL aggregates over the rows of one gold
 * or silver table for a unit and period, optionally filtered. The expressions use the table's
 * column names and are bound as Spark Column expressions, never concatenated with user values.
 *
 * @param table a gold or silver table of the catalog, e.g. {@code gold.fct_dossier_daily}
 * @param numerator e.g. {@code sum(online_count)}
 * @param denominator e.g. {@code sum(received_count)}
 * @param filter a predicate over the table's rows, when only some count
 */
public record Metric(
    String name,
    String table,
    String numerator,
    String denominator,
    Optional<String> filter,
    int line) {
  public Metric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(numerator, "numerator");
    Objects.requireNonNull(denominator, "denominator");
    Objects.requireNonNull(filter, "filter");
  }
}
