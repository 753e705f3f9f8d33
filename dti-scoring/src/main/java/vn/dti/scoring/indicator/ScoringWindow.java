package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Metric;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;

/**
 * The periods a night must score again: those from the first month whose figures can have changed
 * since the last run, plus the period before it (a rewritten period's previous-period columns and
 * change decomposition read it). A night that loads one day changes a month or two, so a monthly
 * methodology gathers two or three months of figures instead of the whole history.
 *
 * <p>Which months changed is read from the inputs themselves, never guessed: a silver table's
 * change feed between the two versions (both images of an updated row, so the month a row left
 * counts as well as the one it entered), evaluated with the metric's own month expression; a gold
 * table's commit log (the partitions its files were added to or removed from), when the metric's
 * month is that partition column; for a joined table, the months of the metric rows whose join key
 * is among the changed rows'. Anything else (a changed unit dimension, forms the methodology reads,
 * a log no longer there, a month expression that is not a partition) means every period.
 */
final class ScoringWindow {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ScoringWindow.class);

  /** The first month when no metric's table changed: after every real month. */
  static final String NO_CHANGE = "9999-12";

  private ScoringWindow() {}

  /**
   * The first month whose figures can have changed since {@code before} was read, {@link
   * #NO_CHANGE} when none can have; empty when every period must be scored again.
   */
  static Optional<String> firstChangedMonth(
      JobContext ctx, Methodology m, InputVersions before, InputVersions now) {
    for (TableSpec t : List.of(Tables.GOLD_DIM_UNIT, Tables.SILVER_UNIT)) {
      if (before.versionOf(t) != now.versionOf(t)) {
        return Optional.empty();
      }
    }
    if (!InputFigures.inputLeaves(m).isEmpty()
        && before.versionOf(Tables.SILVER_ASSESSMENT_VALUE)
            != now.versionOf(Tables.SILVER_ASSESSMENT_VALUE)) {
      return Optional.empty();
    }
    String first = NO_CHANGE;
    // Metrics that read the same table by the same month expression (qd766 has eight on
    // silver.dossier) ask the same question of its change feed: asked once.
    Map<String, String> answered = new HashMap<>();
    try {
      for (Metric metric : m.metrics().values()) {
        Optional<String> f = firstChangedMonth(ctx, metric, before, now, answered);
        if (f.isEmpty()) {
          return Optional.empty();
        }
        first = earlier(first, f.get());
      }
    } catch (RuntimeException e) {
      // A change feed or log that cannot be read (vacuumed, table recreated): score everything.
      LOG.info(
          "{}: cannot tell which months changed ({}); scoring every period",
          m.id(),
          e.getMessage());
      return Optional.empty();
    }
    return Optional.of(first);
  }

  /**
   * One metric's first changed month; {@code answered} keeps the months already read from the
   * change feeds during this call (the versions are the same for every metric), by question.
   */
  private static Optional<String> firstChangedMonth(
      JobContext ctx,
      Metric metric,
      InputVersions before,
      InputVersions now,
      Map<String, String> answered) {
    TableSpec t = Tables.byName(metric.table()).orElseThrow();
    long was = before.versionOf(t);
    long is = now.versionOf(t);
    if (was < 0 || is < 0) {
      return Optional.empty();
    }
    String first = NO_CHANGE;
    if (was != is) {
      if (t.layer() == Layer.SILVER) {
        first =
            earlier(
                first,
                answered.computeIfAbsent(
                    String.join("|", "changes", t.name(), metric.month().strip()),
                    k -> firstMonth(ctx.tables().changesBetween(t, was + 1, is), metric)));
      } else if (t.partitionColumns().equals(List.of(metric.month().trim()))) {
        Optional<Set<String>> changed = ctx.tables().partitionsChanged(t, was, is);
        if (changed.isEmpty()) {
          return Optional.empty();
        }
        for (String month : changed.get()) {
          first = earlier(first, month);
        }
      } else {
        return Optional.empty();
      }
    }
    if (metric.join().isPresent()) {
      Metric.Join j = metric.join().get();
      TableSpec joined = Tables.byName(j.table()).orElseThrow();
      long jWas = before.versionOf(joined);
      long jIs = now.versionOf(joined);
      if (jWas < 0 || jIs < 0 || (jWas != jIs && joined.layer() != Layer.SILVER)) {
        return Optional.empty();
      }
      if (jWas != jIs) {
        String question =
            String.join("|", "joined", t.name(), j.table(), j.on(), metric.month().strip());
        first =
            earlier(
                first,
                answered.computeIfAbsent(
                    question, k -> joinedFirstMonth(ctx, metric, t, is, jWas, jIs)));
      }
    }
    return Optional.of(first);
  }

  /**
   * The earliest month (by the metric's month expression) of the metric table's rows at version
   * {@code is} whose join key is among those of the joined table's rows changed between {@code
   * jWas} and {@code jIs}.
   */
  private static String joinedFirstMonth(
      JobContext ctx, Metric metric, TableSpec t, long is, long jWas, long jIs) {
    Metric.Join j = metric.join().orElseThrow();
    TableSpec joined = Tables.byName(j.table()).orElseThrow();
    Dataset<Row> keys =
        ctx.tables()
            .changesBetween(joined, jWas + 1, jIs)
            .select(col(j.on()).as("_changed_key"))
            .where(col("_changed_key").isNotNull())
            .distinct();
    Dataset<Row> rows = ctx.tables().readAt(t, is);
    return firstMonth(
        rows.join(keys, rows.col(j.on()).equalTo(keys.col("_changed_key")), "left_semi"), metric);
  }

  /** The earliest month of the rows, by the metric's month expression; NO_CHANGE for none. */
  private static String firstMonth(Dataset<Row> rows, Metric metric) {
    Row r = rows.agg(min(expr(metric.month()))).first();
    return r.isNullAt(0) ? NO_CHANGE : String.valueOf(r.get(0));
  }

  private static String earlier(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * The first period scored when {@code month} is the first that changed: the period before the
   * month's ({@code 2024-11} → {@code 2024-10}, {@code 2024-Q4}, {@code 2023}), or NO_CHANGE.
   */
  static String firstPeriod(Methodology m, String month) {
    if (month.equals(NO_CHANGE)) {
      return NO_CHANGE;
    }
    return vn.dti.scoring.methodology.Periods.previous(
        vn.dti.scoring.methodology.Periods.of(m.period(), YearMonth.parse(month)));
  }

  /**
   * The first month of a period ({@code 2023} → {@code 2023-01}, {@code 2024-Q3} → {@code
   * 2024-07}).
   */
  static String firstMonthOf(String period) {
    if (period.equals(NO_CHANGE)) {
      return NO_CHANGE;
    }
    return vn.dti.scoring.methodology.Periods.firstMonth(period).toString();
  }

  private static final java.util.regex.Pattern DATE_MONTH =
      java.util.regex.Pattern.compile("date_format\\(\\s*(\\w+)\\s*,\\s*'yyyy-MM'\\s*\\)");

  private static final java.util.regex.Pattern COLUMN = java.util.regex.Pattern.compile("\\w+");

  /**
   * A condition on the metric table's own columns that keeps every row of the months from {@code
   * firstMonth} on and that Spark can push down to the files (partition pruning, Delta's min/max
   * statistics): {@code month >= '2024-10'} for a month column, {@code received_date >= DATE
   * '2024-10-01'} for {@code date_format(received_date, 'yyyy-MM')}. Empty for other expressions
   * (the period filter alone then applies).
   */
  static Optional<org.apache.spark.sql.Column> pushable(Metric metric, String firstMonth) {
    String e = metric.month().trim();
    if (COLUMN.matcher(e).matches()) {
      return Optional.of(col(e).geq(org.apache.spark.sql.functions.lit(firstMonth)));
    }
    java.util.regex.Matcher d = DATE_MONTH.matcher(e);
    if (d.matches() && !firstMonth.equals(NO_CHANGE)) {
      return Optional.of(
          col(d.group(1))
              .geq(org.apache.spark.sql.functions.lit(java.sql.Date.valueOf(firstMonth + "-01"))));
    }
    return Optional.empty();
  }
}
