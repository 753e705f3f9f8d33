package vn.dti.scoring.methodology;

import java.util.Objects;
import java.util.Optional;

/**
 * A measured figure: {@code numerator / denominator}, two SQL aggregates over the rows of one gold
 * or silver table for a unit and period, optionally filtered and optionally joined to a second
 * table. The expressions use the table's column names and are bound as Spark Column expressions,
 * never concatenated with user values.
 *
 * @param table a gold or silver table of the catalog, e.g. {@code gold.fct_dossier_daily}
 * @param numerator e.g. {@code sum(online_count)}
 * @param denominator e.g. {@code sum(received_count)}
 * @param filter a predicate over the table's rows, when only some count
 * @param month the expression giving a row's {@code yyyy-MM} month: {@code month} for the gold
 *     facts, e.g. {@code date_format(received_date, 'yyyy-MM')} for a silver table
 * @param join a second table whose columns the expressions may use, under a prefix
 */
public record Metric(
    String name,
    String table,
    String numerator,
    String denominator,
    Optional<String> filter,
    String month,
    Optional<Join> join,
    int line) {
  public Metric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(numerator, "numerator");
    Objects.requireNonNull(denominator, "denominator");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(join, "join");
  }

  /**
   * A left join of the metric's rows to another table on one column. When {@code on} is the joined
   * table's key (a procedure of the catalogue) its columns arrive as {@code <prefix><column>};
   * otherwise the joined rows are counted per key and arrive as {@code <prefix>rows} (0 when none),
   * so the metric's own rows are never duplicated.
   *
   * @param table a gold or silver table of the catalog
   * @param on the column both tables carry, e.g. {@code procedure_code}
   * @param prefix put before the joined columns' names, e.g. {@code proc_}
   */
  public record Join(String table, String on, String prefix) {
    public Join {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(on, "on");
      Objects.requireNonNull(prefix, "prefix");
    }
  }
}
