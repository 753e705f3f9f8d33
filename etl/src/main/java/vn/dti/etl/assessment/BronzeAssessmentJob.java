package vn.dti.etl.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dti.etl.bronze.FileIngest;
import vn.dti.etl.source.SourceFile;
import vn.dti.etl.source.XlsxRows;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;

/**
 * Appends self-assessment workbooks ({@code assessment/<year>/<unit>.xlsx}, sheet 1) to {@code
 * bronze.assessment}, streamed with POI. The form's layout is checked first: the unit code in D2,
 * the year in D3, the header in row 5. A workbook that does not match becomes a single record
 * naming the first cell that differs, which silver quarantines as {@code WRONG_LAYOUT}; the others
 * become one record per indicator row.
 */
public final class BronzeAssessmentJob {
  public static final String STEP = Tables.BRONZE_ASSESSMENT.name();
  public static final String SOURCE = "assessment";

  /** The header of the form, row 5 (0-based row 4). */
  public static final List<String> HEADER =
      List.of("STT", "Mã chỉ tiêu", "Tên chỉ tiêu", "Giá trị", "Đơn vị tính", "Minh chứng");

  static final int HEADER_ROW = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private BronzeAssessmentJob() {}

  public static StepResult run(JobContext ctx, List<SourceFile> files) {
    return FileIngest.ingest(
        ctx, Tables.BRONZE_ASSESSMENT, SOURCE, files, fresh -> read(ctx.spark(), fresh));
  }

  static Dataset<Row> read(SparkSession spark, List<SourceFile> files) {
    List<Row> rows = new ArrayList<>();
    for (SourceFile f : files) {
      for (String json : records(f)) {
        rows.add(RowFactory.create(json, f.name()));
      }
    }
    StructType schema =
        new StructType()
            .add("raw_record", DataTypes.StringType, false)
            .add("file_name", DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }

  /** The records of one workbook: its indicator rows, or one layout error. */
  static List<String> records(SourceFile f) {
    List<XlsxRows.Line> lines = new ArrayList<>();
    XlsxRows.read(f.path(), lines::add);
    Map<Integer, XlsxRows.Line> byRow = new LinkedHashMap<>();
    lines.forEach(l -> byRow.put(l.row(), l));
    XlsxRows.Line header = byRow.getOrDefault(HEADER_ROW, new XlsxRows.Line(HEADER_ROW, List.of()));
    for (int c = 0; c < HEADER.size(); c++) {
      if (!HEADER.get(c).equals(header.cell(c).strip())) {
        return List.of(
            json(
                Map.of(
                    "_layout_error",
                    "cell "
                        + XlsxRows.cellName(HEADER_ROW, c)
                        + " holds '"
                        + header.cell(c)
                        + "' where the form has '"
                        + HEADER.get(c)
                        + "'")));
      }
    }
    String unit = byRow.containsKey(1) ? byRow.get(1).cell(3).strip() : "";
    String year = byRow.containsKey(2) ? byRow.get(2).cell(3).strip() : "";
    List<String> out = new ArrayList<>();
    for (XlsxRows.Line l : lines) {
      if (l.row() <= HEADER_ROW || l.cells().stream().allMatch(String::isBlank)) {
        continue;
      }
      Map<String, String> r = new LinkedHashMap<>();
      r.put("unit_code", unit);
      r.put("year", year);
      r.put("row", String.valueOf(l.row() + 1));
      r.put("indicator_code", l.cell(1));
      r.put("indicator_name", l.cell(2));
      r.put("value", l.cell(3));
      r.put("value_unit", l.cell(4));
      r.put("evidence", l.cell(5));
      out.add(json(r));
    }
    return out;
  }

  private static String json(Map<String, String> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
