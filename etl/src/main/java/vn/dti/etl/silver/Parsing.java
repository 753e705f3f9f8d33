package vn.dti.etl.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.text.Normalizer;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
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

  /** A positive or negative whole number of dong, plain or with dots every three digits. */
  public static Column amount(Column raw) {
    Column t = text(raw);
    return when(t.rlike("^-?[0-9]+$"), t.try_cast(DataTypes.LongType))
        .when(
            t.rlike("^[0-9]{1,3}(\\.[0-9]{3})+$"),
            org.apache
                .spark
                .sql
                .functions
                .regexp_replace(t, "\\.", "")
                .try_cast(DataTypes.LongType))
        .otherwise(lit(null).cast(DataTypes.LongType));
  }

  /** True where the source has a value that does not parse as a timestamp. */
  public static Column badTimestamp(Column c) {
    return text(c).isNotNull().and(timestamp(c).isNull());
  }

  /**
   * Left-joins the unit valid on {@code date} to records with a normalised {@code unit_code},
   * adding {@code u_code} (null when unknown), {@code u_province}, {@code u_from}, {@code u_to}.
   */
  public static Dataset<Row> withUnit(Dataset<Row> records, Dataset<Row> units, Column date) {
    Dataset<Row> u =
        units.select(
            col("unit_code").as("u_code"),
            col("province_code").as("u_province"),
            col("valid_from").as("u_from"),
            col("valid_to").as("u_to"));
    return records.join(
        broadcast(u),
        col("unit_code")
            .equalTo(col("u_code"))
            .and(col("u_from").leq(date))
            .and(col("u_to").isNull().or(date.lt(col("u_to")))),
        "left");
  }

  /** Text in Unicode NFC (composed), so that the same words compare and group equal. */
  public static Column nfc(Column c) {
    return NFC.apply(c);
  }

  private static final UserDefinedFunction NFC =
      udf(
              (UDF1<String, String>)
                  s -> s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC),
              DataTypes.StringType)
          .withName("nfc");

  /** true / false (also t / f, 1 / 0), or null for anything else. */
  public static Column bool(Column c) {
    Column t = lower(text(c));
    return when(t.isin("true", "t", "1"), lit(true))
        .when(t.isin("false", "f", "0"), lit(false))
        .otherwise(lit(null).cast(DataTypes.BooleanType));
  }

  /** True where the source has a value that is not a boolean. */
  public static Column badBool(Column c) {
    return text(c).isNotNull().and(bool(c).isNull());
  }

  /** The business day in an extract's file name ({@code dossiers-2024-05-01.jsonl}), or null. */
  public static Column businessDate(Column file) {
    Column day = nullif(regexp_extract(file, "(\\d{4}-\\d{2}-\\d{2})[^/]*$", 1), lit(""));
    return to_date(try_to_timestamp(day, lit("yyyy-MM-dd")));
  }
}
