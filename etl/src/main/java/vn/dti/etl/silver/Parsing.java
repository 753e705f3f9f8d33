package vn.dti.etl.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Total conversions for source text: each returns null instead of failing (Spark runs ANSI SQL,
 * where a bad cast throws), so that the caller can route the record to quarantine with a reason.
 */
public final class Parsing {
  /** The date-time forms the source systems are known to send, tried in order. */
  public static final List<String> TIMESTAMP_FORMATS =
      List.of(
          "yyyy-MM-dd'T'HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm:ss.SSS",
          "yyyy-MM-dd HH:mm:ss",
          "dd/MM/yyyy HH:mm:ss",
          "yyyy-MM-dd",
          "dd/MM/yyyy");

  private Parsing() {}

  /** The text trimmed, with blank as null. */
  public static Column text(Column c) {
    return nullif(trim(c), lit(""));
  }

  /** A code: trimmed and upper-cased, blank as null. */
  public static Column code(Column c) {
    return upper(text(c));
  }

  /**
   * A wall-clock timestamp (no time zone) in any of {@link #TIMESTAMP_FORMATS}, or null. Parsing
   * and the cast back both use the session zone, so the wall-clock value is kept exactly.
   */
  public static Column timestamp(Column c) {
    Column t = text(c);
    return coalesce(
            TIMESTAMP_FORMATS.stream().map(f -> try_to_timestamp(t, lit(f))).toArray(Column[]::new))
        .cast(DataTypes.TimestampNTZType);
  }

  /** A whole number, or null. */
  public static Column integer(Column c) {
    return text(c).try_cast(DataTypes.IntegerType);
  }

  /** True where the source has a value that does not parse as a timestamp. */
  public static Column badTimestamp(Column c) {
    return text(c).isNotNull().and(timestamp(c).isNull());
  }
}
