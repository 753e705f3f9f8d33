package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Metric;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.catalog.Tables;

/**
 * Compiles a methodology's metrics against the catalog's schemas without reading a row: each
 * metric's join, filter, month, numerator and denominator are analysed by Spark over empty tables
 * of the catalog's columns, then the whole figure query is planned as the night would. What a
 * typo'd column or a string summed would break at 2 a.m. is found when the file is written.
 *
 * <pre>
 * metric dossiers_online: sum(online_cout) ─► m.yaml: metric dossiers_online (line 31): cannot resolve online_cout
 * </pre>
 */
public final class MetricCompiler {
  private MetricCompiler() {}

  /**
   * The problems found, each naming the file, the metric and its line; empty when every metric
   * compiles.
   */
  public static List<String> problems(Methodology m, String file, SparkSession spark) {
    Function<String, Dataset<Row>> tables =
        name -> spark.createDataFrame(List.of(), Tables.byName(name).orElseThrow().schema());
    List<String> out = new ArrayList<>();
    for (Metric metric : m.metrics().values()) {
      String part = "table " + metric.table();
      try {
        Dataset<Row> rows = tables.apply(metric.table());
        if (metric.join().isPresent()) {
          part = "join " + metric.join().get().table() + " on " + metric.join().get().on();
          rows = MetricFigures.join(rows, metric.join().get(), tables);
        }
        if (metric.filter().isPresent()) {
          part = "filter " + metric.filter().get().strip();
          rows = rows.where(expr(metric.filter().get()));
        }
        part = "month " + metric.month().strip();
        Dataset<Row> months = rows.select(expr(metric.month()).as("_month"));
        if (!months.schema().apply("_month").dataType().equals(DataTypes.StringType)) {
          out.add(
              where(file, metric)
                  + part
                  + ": is "
                  + months.schema().apply("_month").dataType().simpleString()
                  + ", not a yyyy-MM text");
        }
        part = "numerator " + metric.numerator().strip();
        rows.agg(expr(metric.numerator()).cast(DataTypes.DoubleType)).schema();
        part = "denominator " + metric.denominator().strip();
        rows.agg(expr(metric.denominator()).cast(DataTypes.DoubleType)).schema();
      } catch (Exception e) {
        out.add(where(file, metric) + part + ": " + oneLine(WarehouseErrors.rootMessage(e)));
      }
    }
    if (out.isEmpty()) {
      // Together, as the night aggregates them (a filter put into the aggregates, the levels'
      // columns).
      try {
        ScoringUnits none = new ScoringUnits(Map.of(), Map.of(), Map.of());
        Dataset<Row> figures = MetricFigures.of(m, tables, none);
        if (figures != null) {
          figures.select(col("numerator"), col("denominator")).queryExecution().analyzed();
        }
      } catch (Exception e) {
        out.add(file + ": " + oneLine(WarehouseErrors.rootMessage(e)));
      }
    }
    return out;
  }

  private static String where(String file, Metric metric) {
    return file + ": metric " + metric.name() + " (line " + metric.line() + "): ";
  }

  /** Spark's message without its plan: the first line, which says what is wrong. */
  private static String oneLine(String message) {
    String first = message.strip().lines().findFirst().orElse(message);
    return first.length() > 400 ? first.substring(0, 400) + " …" : first;
  }
}
