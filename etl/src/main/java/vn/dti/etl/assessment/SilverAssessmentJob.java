package vn.dti.etl.assessment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.when;
import static vn.dti.etl.silver.Parsing.code;
import static vn.dti.etl.silver.Parsing.integer;
import static vn.dti.etl.silver.Parsing.nfc;
import static vn.dti.etl.silver.Parsing.text;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.etl.silver.BatchAccounting;
import vn.dti.etl.silver.Parsing;
import vn.dti.etl.silver.ReasonCode;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;

/**
 * Turns self-assessment records into {@code silver.assessment_value}: one value per unit, year and
 * indicator; a form loaded later for the same year replaces the earlier values. Values may be
 * written with a decimal comma ({@code 87,5}).
 */
public final class SilverAssessmentJob {
  public static final String STEP = Tables.SILVER_ASSESSMENT_VALUE.name();

  static final List<String> FIELDS =
      List.of(
          "_layout_error",
          "unit_code",
          "year",
          "row",
          "indicator_code",
          "indicator_name",
          "value",
          "value_unit",
          "evidence");

  private SilverAssessmentJob() {}

  /** Classifies bronze records: one output row per bronze record, with its disposition. Pure. */
  public static Dataset<Row> classify(Dataset<Row> bronze, Dataset<Row> units) {
    Dataset<Row> numbered = BatchAccounting.numberCopies(bronze);
    Dataset<Row> typed =
        BatchAccounting.parseFirstCopies(numbered, FIELDS)
            .select(
                col("_batch_id"),
                col("_source_file"),
                col("_record_hash"),
                col("raw_record"),
                col("_ingested_at").as("loaded_at"),
                col("j"),
                code(col("j.unit_code")).as("unit_code"),
                integer(col("j.year")).as("year"),
                code(col("j.indicator_code")).as("indicator_code"),
                nfc(text(col("j.indicator_name"))).as("indicator_name"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .regexp_replace(text(col("j.value")), ",", ".")
                    .try_cast(DataTypes.DoubleType)
                    .as("value"),
                text(col("j.value_unit")).as("value_unit"),
                nfc(text(col("j.evidence"))).as("evidence"));
    Column yearEnd = make_date(col("year"), lit(12), lit(31));
    Dataset<Row> checked =
        Parsing.withUnit(typed, units, yearEnd)
            .withColumn("reason_code", reason())
            .withColumn("reason_detail", detail())
            .withColumn(
                "disposition",
                when(col("reason_code").isNull(), lit(BatchAccounting.ACCEPTED))
                    .otherwise(lit(BatchAccounting.QUARANTINED)))
            .withColumn(
                "value_key", concat_ws("|", col("unit_code"), col("year"), col("indicator_code")))
            .drop("j", "u_code", "u_province", "u_from", "u_to");
    return checked.unionByName(BatchAccounting.duplicates(numbered), true);
  }

  private static Column reason() {
    Column malformed = col("j").isNull().or(col("j._corrupt_record").isNotNull());
    Column missing =
        col("unit_code")
            .isNull()
            .or(text(col("j.year")).isNull())
            .or(col("indicator_code").isNull())
            .or(text(col("j.value")).isNull());
    return when(malformed, lit(ReasonCode.MALFORMED_JSON.name()))
        .when(text(col("j._layout_error")).isNotNull(), lit(ReasonCode.WRONG_LAYOUT.name()))
        .when(missing, lit(ReasonCode.MISSING_FIELD.name()))
        .when(col("value").isNull().or(col("year").isNull()), lit(ReasonCode.INVALID_CODE.name()))
        .when(col("u_code").isNull(), lit(ReasonCode.UNKNOWN_UNIT.name()));
  }

  private static Column detail() {
    Column r = col("reason_code");
    Column where = concat(lit(" (row "), col("j.row"), lit(")"));
    return when(r.equalTo(ReasonCode.MALFORMED_JSON.name()), lit("the record is not readable"))
        .when(
            r.equalTo(ReasonCode.WRONG_LAYOUT.name()),
            concat(lit("not the self-assessment form: "), col("j._layout_error")))
        .when(
            r.equalTo(ReasonCode.MISSING_FIELD.name()),
            concat(lit("unit (D2), year (D3), indicator code or value is empty"), where))
        .when(
            r.equalTo(ReasonCode.INVALID_CODE.name()),
            concat(
                lit("value '"),
                col("j.value"),
                lit("' or year '"),
                col("j.year"),
                lit("' is not a number"),
                where))
        .when(
            r.equalTo(ReasonCode.UNKNOWN_UNIT.name()),
            concat(
                lit("unit '"),
                col("unit_code"),
                lit("' is not known in "),
                col("year").cast(DataTypes.StringType)));
  }

  /** Processes every ingested, not yet processed workbook. */
  public static StepResult run(JobContext ctx) {
    Dataset<Row> units = ctx.tables().read(Tables.SILVER_UNIT);
    return BatchAccounting.process(
        ctx,
        new BatchAccounting.SilverLoad(
            BronzeAssessmentJob.SOURCE,
            Tables.BRONZE_ASSESSMENT,
            Tables.SILVER_ASSESSMENT_VALUE,
            Tables.QUARANTINE_ASSESSMENT,
            bronze -> classify(bronze, units),
            "value_key",
            "loaded_at",
            "year",
            true));
  }
}
