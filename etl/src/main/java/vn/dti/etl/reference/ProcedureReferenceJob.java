package vn.dti.etl.reference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.dti.etl.silver.Parsing.bool;
import static vn.dti.etl.silver.Parsing.code;
import static vn.dti.etl.silver.Parsing.integer;
import static vn.dti.etl.silver.Parsing.nfc;
import static vn.dti.etl.silver.Parsing.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.etl.silver.Parsing;
import vn.dti.etl.source.SourceFile;
import vn.dti.etl.source.SourceFolder;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.unit.UnitDimensionJob;

/**
 * Loads the procedure catalogue ({@code reference/procedures.csv}, the national TTHC list as the
 * province uses it) into {@code silver.procedure} and {@code gold.dim_procedure}, when the file's
 * content changed. Reference data is small and must be whole: a row that cannot be read rejects the
 * file with a message naming it, and the previous catalogue stays.
 */
public final class ProcedureReferenceJob {
  public static final String STEP = Tables.SILVER_PROCEDURE.name();
  static final String FILE = "procedures.csv";

  static final List<String> COLUMNS =
      List.of(
          "procedure_code",
          "procedure_name",
          "field",
          "level",
          "online_level",
          "full_online_eligible",
          "fee_vnd",
          "financial_obligation",
          "paper_result",
          "processing_days",
          "applicant_types");

  private static final Map<String, String> LEVEL_LABELS =
      Map.of("department", "Cấp tỉnh (sở, ngành)", "district", "Cấp huyện", "commune", "Cấp xã");

  private ProcedureReferenceJob() {}

  /** Typed catalogue rows from the CSV's text columns; a row failing a check has {@code _bad}. */
  static Dataset<Row> typed(Dataset<Row> csv) {
    Dataset<Row> t =
        csv.select(
            code(col("procedure_code")).as("procedure_code"),
            nfc(text(col("procedure_name"))).as("procedure_name"),
            nfc(text(col("field"))).as("field"),
            text(col("level")).as("unit_level"),
            integer(col("online_level")).as("online_level"),
            bool(col("full_online_eligible")).as("is_full_online_eligible"),
            Parsing.amount(col("fee_vnd")).as("fee_vnd"),
            bool(col("financial_obligation")).as("has_financial_obligation"),
            bool(col("paper_result")).as("has_paper_result"),
            integer(col("processing_days")).as("processing_days"),
            text(col("applicant_types")).as("applicant_types"));
    Column bad = lit(false);
    for (String c : Tables.SILVER_PROCEDURE.columnNames()) {
      if (Tables.SILVER_PROCEDURE.column(c).orElseThrow().nullability()
          == vn.dti.warehouse.catalog.ColumnSpec.Nullability.REQUIRED) {
        bad = bad.or(col(c).isNull());
      }
    }
    bad =
        bad.or(col("online_level").lt(2))
            .or(col("online_level").gt(4))
            .or(col("fee_vnd").lt(0))
            .or(col("unit_level").isin(LEVEL_LABELS.keySet().toArray()).unary_$bang());
    return t.withColumn("_bad", bad);
  }

  /** The rows of {@code gold.dim_procedure} from {@code silver.procedure}. Pure. */
  public static Dataset<Row> dimProcedure(Dataset<Row> procedures) {
    Column level = lit("Khác");
    for (Map.Entry<String, String> e : LEVEL_LABELS.entrySet()) {
      level = when(col("unit_level").equalTo(e.getKey()), lit(e.getValue())).otherwise(level);
    }
    return procedures.select(
        col("procedure_code"),
        col("procedure_name"),
        col("field"),
        col("unit_level"),
        level.as("unit_level_label"),
        col("online_level"),
        when(col("online_level").equalTo(4), lit("Toàn trình"))
            .when(col("online_level").equalTo(3), lit("Một phần"))
            .otherwise(lit("Cung cấp thông tin"))
            .as("online_level_label"),
        col("is_full_online_eligible"),
        col("fee_vnd").gt(0).as("has_fee"),
        col("fee_vnd"),
        col("has_financial_obligation"),
        col("processing_days"));
  }

  public static StepResult run(JobContext ctx, SourceFolder source, Optional<StepRecord> last) {
    Path file = source.referenceDir().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      ctx.tables().createIfMissing(Tables.SILVER_PROCEDURE);
      ctx.tables().createIfMissing(Tables.GOLD_DIM_PROCEDURE);
      return StepResult.done(
          StepCounts.derived(
              0, 0, "no reference/" + FILE + " in the source folder; catalogue kept"),
          InputVersions.parse(""),
          InputVersions.current(ctx.tables(), Tables.SILVER_PROCEDURE, Tables.GOLD_DIM_PROCEDURE));
    }
    SourceFile sf = SourceFolder.describe("reference", file);
    InputVersions inputs = new InputVersions(Map.of("file:" + FILE, sf.sha256()));
    if (inputs.sameAs(last)
        && ctx.tables().exists(Tables.SILVER_PROCEDURE)
        && ctx.tables().exists(Tables.GOLD_DIM_PROCEDURE)) {
      return StepResult.upToDate(
          "reference/" + FILE + " unchanged",
          inputs,
          InputVersions.current(ctx.tables(), Tables.SILVER_PROCEDURE, Tables.GOLD_DIM_PROCEDURE));
    }
    Dataset<Row> csv = UnitDimensionJob.readCsv(ctx.spark(), file, COLUMNS);
    Dataset<Row> rows = typed(csv).localCheckpoint();
    List<Row> bad = rows.where(col("_bad")).limit(5).collectAsList();
    if (!bad.isEmpty()) {
      throw new WarehouseException(
          "Reference file "
              + file
              + " has rows that cannot be read, e.g. procedure "
              + bad.get(0).getAs("procedure_code")
              + ": every column but field and applicant_types is required, online_level is 2..4,"
              + " level is department, district or commune, fee_vnd a whole number; fix the file,"
              + " the previous catalogue is kept");
    }
    long codes = rows.select("procedure_code").distinct().count();
    long n = rows.count();
    if (codes != n) {
      throw new WarehouseException(
          "Reference file "
              + file
              + " lists "
              + (n - codes)
              + " procedure code(s) twice; keep one row per code");
    }
    Dataset<Row> procedures =
        rows.drop("_bad").withColumn("fee_vnd", col("fee_vnd").cast(DataTypes.LongType));
    ctx.tables().overwrite(Tables.SILVER_PROCEDURE, procedures);
    ctx.tables()
        .overwrite(
            Tables.GOLD_DIM_PROCEDURE, dimProcedure(ctx.tables().read(Tables.SILVER_PROCEDURE)));
    return StepResult.done(
        StepCounts.derived(n, n, "silver.procedure and gold.dim_procedure"),
        inputs,
        InputVersions.current(ctx.tables(), Tables.SILVER_PROCEDURE, Tables.GOLD_DIM_PROCEDURE));
  }
}
