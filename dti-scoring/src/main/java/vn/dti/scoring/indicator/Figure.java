package vn.dti.scoring.indicator;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A leaf's numerator and denominator for one unit in one group: what a metric aggregates from the
 * gold (or silver) tables, or a value a province's form reports (denominator 1). Spark gathers
 * figures as rows of {@link #SCHEMA}; scoring reads them as these plain records.
 *
 * @param boundaries {@code as_reported} or {@code restated_2025}
 * @param level the unit level ({@code province}, {@code department}, …)
 * @param scope the units ranked together: {@link ScoreGroup#NATIONAL} or a province code
 * @param numerator null when the metric's numerator is null for the unit (not scorable)
 * @param denominator null when the metric's denominator is null for the unit (not scorable)
 */
public record Figure(
    String boundaries,
    String level,
    String scope,
    String unit,
    String period,
    String leaf,
    Double numerator,
    Double denominator) {

  /** The columns of a figure row, in the record's order. */
  public static final StructType SCHEMA =
      new StructType()
          .add("boundaries", DataTypes.StringType)
          .add("unit_level", DataTypes.StringType)
          .add("scope_code", DataTypes.StringType)
          .add("unit_code", DataTypes.StringType)
          .add("period", DataTypes.StringType)
          .add("leaf_code", DataTypes.StringType)
          .add("numerator", DataTypes.DoubleType)
          .add("denominator", DataTypes.DoubleType);

  /** A row of {@link #SCHEMA} (by position), as a figure. */
  public static Figure of(Row r) {
    return new Figure(
        r.getString(0),
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.isNullAt(6) ? null : r.getDouble(6),
        r.isNullAt(7) ? null : r.getDouble(7));
  }

  /** The figure as a row of {@link #SCHEMA}. */
  public Row toRow() {
    return new GenericRowWithSchema(
        new Object[] {boundaries, level, scope, unit, period, leaf, numerator, denominator},
        SCHEMA);
  }

  /** Whether the figure counts: it names its unit and period and has both of its numbers. */
  public boolean scorable() {
    return unit != null && period != null && numerator != null && denominator != null;
  }

  /** The units this figure is ranked among. */
  public ScoreGroup group() {
    return new ScoreGroup(boundaries, level, scope, period);
  }

  /** Whether two figures are scored in the same chunk: the same level and scope. */
  boolean sameChunk(Figure other) {
    return java.util.Objects.equals(level, other.level)
        && java.util.Objects.equals(scope, other.scope);
  }
}
