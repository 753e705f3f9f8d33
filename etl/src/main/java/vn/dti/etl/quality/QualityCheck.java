package vn.dti.etl.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.dti.etl.silver.BatchAccounting;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;

/**
 * Applies declared quality rules to a silver job's classified records (one row per bronze record
 * with {@code disposition}, {@code reason_code}, {@code reason_detail} and the silver columns) and
 * summarises them per batch for {@code ops.quality_result}.
 *
 * <p>Every rule is judged on the records the job's own checks accepted. A record breaking a
 * rejecting rule goes to quarantine with the first such rule's code; warnings leave it accepted.
 *
 * <pre>
 * disposition reason_code due_at      received_at  →  disposition  reason_code
 * ACCEPTED    null        2024-05-01  2024-05-03      QUARANTINED  DOSSIER_DUE_BEFORE_RECEIPT
 * </pre>
 */
public final class QualityCheck {
  /** Outcomes recorded per batch and rule. */
  public static final String PASSED = "PASSED";

  public static final String WARNED = "WARNED";
  public static final String REJECTED = "REJECTED";

  private static final String ELIGIBLE = "_q_eligible";

  private QualityCheck() {}

  /**
   * Checks that every predicate compiles against its table's columns, without reading data.
   *
   * @throws WarehouseException naming the rule, its line and Spark's reason
   */
  public static void validate(SparkSession spark, QualityRules rules) {
    for (QualityRule r : rules.all()) {
      var spec = Tables.byName(r.table()).orElseThrow();
      try {
        spark
            .createDataFrame(List.of(), spec.schema())
            .where(expr(r.violation()))
            .queryExecution()
            .assertAnalyzed();
      } catch (Exception e) { // AnalysisException and ParseException
        String why =
            e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        throw new WarehouseException(
            "Quality rule "
                + r.code()
                + " (line "
                + r.line()
                + "): the violation '"
                + r.violation()
                + "' cannot be evaluated on "
                + r.table()
                + ": "
                + why
                + "; use that table's column names (docs/QUALITY.md lists them)",
            e);
      }
    }
  }

  /** Flag column of the rule at {@code index}: the record was eligible and breaks the rule. */
  private static String flag(int index) {
    return "_q_" + index;
  }

  /**
   * Adds one flag column per rule, then sends the records breaking a rejecting rule to quarantine.
   * Pure. The flag columns stay for {@link #results} and are dropped by {@link #strip}.
   */
  public static Dataset<Row> apply(Dataset<Row> classified, List<QualityRule> rules) {
    if (rules.isEmpty()) {
      return classified;
    }
    Column eligible = col("disposition").equalTo(BatchAccounting.ACCEPTED);
    Dataset<Row> flagged = classified.withColumn(ELIGIBLE, eligible);
    for (int i = 0; i < rules.size(); i++) {
      flagged =
          flagged.withColumn(
              flag(i), col(ELIGIBLE).and(coalesce(expr(rules.get(i).violation()), lit(false))));
    }
    Column reason = lit(null).cast("string");
    Column detail = lit(null).cast("string");
    for (int i = rules.size() - 1; i >= 0; i--) {
      QualityRule r = rules.get(i);
      if (r.severity() == QualityRule.Severity.REJECT) {
        reason = when(col(flag(i)), lit(r.code())).otherwise(reason);
        detail =
            when(
                    col(flag(i)),
                    lit(
                        r.description()
                            + " (quality rule "
                            + r.code()
                            + ", line "
                            + r.line()
                            + ")"))
                .otherwise(detail);
      }
    }
    return flagged
        .withColumn("_q_reason", reason)
        .withColumn(
            "reason_detail",
            when(col("_q_reason").isNotNull(), detail).otherwise(col("reason_detail")))
        .withColumn("reason_code", coalesce(col("_q_reason"), col("reason_code")))
        .withColumn(
            "disposition",
            when(col("_q_reason").isNotNull(), lit(BatchAccounting.QUARANTINED))
                .otherwise(col("disposition")))
        .drop("_q_reason");
  }

  /**
   * The aggregate columns {@link #results(List, List, String, Instant)} reads: records judged
   * ({@code _q_judged}) and, per rule, records breaking it ({@code _q_failed_<i>}; for a rejecting
   * rule, those it sent to quarantine). To be computed per {@code _batch_id}, in the same pass as
   * the batch counts.
   */
  public static List<Column> aggregates(List<QualityRule> rules) {
    List<Column> aggs = new ArrayList<>();
    if (rules.isEmpty()) {
      return aggs;
    }
    aggs.add(sum(when(col(ELIGIBLE), 1L).otherwise(0L)).as("_q_judged"));
    for (int i = 0; i < rules.size(); i++) {
      QualityRule r = rules.get(i);
      Column failed =
          r.severity() == QualityRule.Severity.REJECT
              ? col("reason_code").equalTo(r.code())
              : col(flag(i)).and(col("disposition").equalTo(BatchAccounting.ACCEPTED));
      aggs.add(sum(when(failed, 1L).otherwise(0L)).as("_q_failed_" + i));
    }
    return aggs;
  }

  /**
   * Per batch and rule, from rows grouped by {@code _batch_id} with {@link #aggregates}: records
   * judged (accepted by the job's own checks), records breaking the rule and the outcome; rows in
   * {@code ops.quality_result}'s columns.
   */
  public static List<Row> results(
      List<Row> byBatch, List<QualityRule> rules, String runId, Instant evaluatedAt) {
    List<Row> out = new ArrayList<>();
    if (rules.isEmpty()) {
      return out;
    }
    Timestamp at = Timestamp.from(evaluatedAt);
    for (Row b : byBatch) {
      long judged = longOrZero(b, "_q_judged");
      for (int i = 0; i < rules.size(); i++) {
        QualityRule r = rules.get(i);
        long failed = longOrZero(b, "_q_failed_" + i);
        String outcome =
            failed == 0 ? PASSED : r.severity() == QualityRule.Severity.REJECT ? REJECTED : WARNED;
        out.add(
            RowFactory.create(
                runId,
                b.<String>getAs("_batch_id"),
                r.table(),
                r.code(),
                r.severity().name(),
                judged,
                failed,
                outcome,
                at));
      }
    }
    return out;
  }

  /** {@link #results(List, List, String, Instant)} with the grouping done here (one job). */
  public static List<Row> results(
      Dataset<Row> checked, List<QualityRule> rules, String runId, Instant evaluatedAt) {
    if (rules.isEmpty()) {
      return List.of();
    }
    List<Column> aggs = aggregates(rules);
    List<Row> byBatch =
        checked
            .groupBy("_batch_id")
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
            .collectAsList();
    return results(byBatch, rules, runId, evaluatedAt);
  }

  private static long longOrZero(Row r, String field) {
    int i = r.fieldIndex(field);
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  /** The classified rows without the flag columns. */
  public static Dataset<Row> strip(Dataset<Row> checked) {
    List<String> drop = new ArrayList<>();
    for (String c : checked.columns()) {
      if (c.startsWith("_q_")) {
        drop.add(c);
      }
    }
    return checked.drop(drop.toArray(String[]::new));
  }
}
