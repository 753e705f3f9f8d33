package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Node;

/**
 * Self-assessed figures: the values provinces report on their yearly forms ({@code
 * silver.assessment_value}) for a methodology's input leaves.
 *
 * <pre>
 * assessment_value 70 2024 NTS.1 1 ─► as_reported province VN 70 2024 NTS.1 1 1
 * </pre>
 */
public final class InputFigures {
  private InputFigures() {}

  /**
   * The value each province reported for each input leaf in the period's year (as reported,
   * denominator 1). Yearly provincial methodologies only: forms are filled once a year, by
   * provinces. (Restated provinces take their parts' values: see {@link GroupScoring#score}.)
   */
  public static List<Figure> of(Methodology m, Dataset<Row> assessment) {
    Map<String, List<String>> leavesByInput = inputLeaves(m);
    if (leavesByInput.isEmpty()
        || !m.period().equals("year")
        || !m.levels().contains(MetricFigures.PROVINCE)) {
      return List.of();
    }
    List<Figure> out = new ArrayList<>();
    for (Row r :
        assessment
            .where(col("indicator_code").isin(leavesByInput.keySet().toArray()))
            .select(
                col("unit_code"),
                col("year").cast(DataTypes.StringType),
                col("indicator_code"),
                col("value"))
            .collectAsList()) {
      if (!m.applies().covers(r.getString(1))) {
        continue;
      }
      for (String leaf : leavesByInput.get(r.getString(2))) {
        out.add(
            new Figure(
                Methodology.AS_REPORTED,
                MetricFigures.PROVINCE,
                ScoreGroup.NATIONAL,
                r.getString(0),
                r.getString(1),
                leaf,
                r.isNullAt(3) ? null : r.getDouble(3),
                1.0));
      }
    }
    return out;
  }

  /** Input code → the leaves that read it. */
  static Map<String, List<String>> inputLeaves(Methodology m) {
    Map<String, List<String>> leavesByInput = new LinkedHashMap<>();
    for (Node leaf : m.leaves()) {
      if (leaf.source().orElseThrow() instanceof Node.Source.FromInput in) {
        leavesByInput.computeIfAbsent(in.indicatorCode(), k -> new ArrayList<>()).add(leaf.code());
      }
    }
    return leavesByInput;
  }
}
