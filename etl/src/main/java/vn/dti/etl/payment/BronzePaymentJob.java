package vn.dti.etl.payment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dti.etl.EtlErrors;
import vn.dti.etl.bronze.FileIngest;
import vn.dti.etl.source.SourceFile;
import vn.dti.etl.source.XlsxRows;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;

/**
 * Appends the payment platforms' daily reconciliation files to {@code bronze.payment}: the national
 * platform's CSV (read by Spark) and the provincial platform's XLSX (streamed with POI). Every row
 * is kept as a JSON object of its cells as text, keyed by the header, so that both formats land
 * alike and nothing is interpreted before silver.
 */
public final class BronzePaymentJob {
  public static final String STEP = Tables.BRONZE_PAYMENT.name();
  public static final String SOURCE = "payments";

  /** The reconciliation columns both platforms deliver. */
  public static final List<String> COLUMNS =
      List.of(
          "MaThamChieu",
          "MaHoSo",
          "MaTTHC",
          "MaDonVi",
          "SoTien",
          "LoaiPhi",
          "NganHang",
          "MaGiaoDich",
          "MaLoi",
          "TrangThaiGD",
          "ThoiGianGD",
          "TenNguoiNop",
          "SoGiayToNguoiNop");

  private static final ObjectMapper JSON = new ObjectMapper();

  private BronzePaymentJob() {}

  public static StepResult run(JobContext ctx, List<SourceFile> files) {
    return FileIngest.ingest(
        ctx, Tables.BRONZE_PAYMENT, SOURCE, files, fresh -> read(ctx.spark(), fresh));
  }

  static Dataset<Row> read(SparkSession spark, List<SourceFile> files) {
    List<String> csv = new ArrayList<>();
    List<Row> workbookRows = new ArrayList<>();
    for (SourceFile f : files) {
      if (f.name().endsWith(".csv")) {
        requireHeader(f, csvHeader(f));
        csv.add(f.path().toString());
      } else {
        workbookRows.addAll(workbook(f));
      }
    }
    StructType schema =
        new StructType()
            .add("raw_record", DataTypes.StringType, false)
            .add("file_name", DataTypes.StringType, false);
    Dataset<Row> out = spark.createDataFrame(workbookRows, schema);
    if (!csv.isEmpty()) {
      Dataset<Row> rows =
          spark
              .read()
              .option("header", "true")
              .option("encoding", "UTF-8")
              .option("mode", "PERMISSIVE")
              .csv(csv.toArray(String[]::new));
      Column[] cells =
          java.util.Arrays.stream(rows.columns())
              .map(c -> col("`" + c + "`"))
              .toArray(Column[]::new);
      out =
          rows.select(
                  to_json(struct(cells)).as("raw_record"),
                  col("_metadata.file_name").as("file_name"))
              .unionByName(out);
    }
    return out;
  }

  /** The first line of a CSV file, split on commas (the header has no quoted fields). */
  private static List<String> csvHeader(SourceFile f) {
    try (var in = java.nio.file.Files.newBufferedReader(f.path(), StandardCharsets.UTF_8)) {
      String first = in.readLine();
      return first == null ? List.of() : List.of(first.replace("\uFEFF", "").split(",", -1));
    } catch (java.io.IOException e) {
      throw EtlErrors.unreadableSourceFile(f.path(), e);
    }
  }

  /**
   * Refuses a file whose first row is not the platforms' standard header, before anything of it is
   * read: its rows would otherwise all look like records with missing fields.
   */
  private static void requireHeader(SourceFile f, List<String> header) {
    List<String> found = header.stream().map(String::strip).toList();
    if (found.size() < COLUMNS.size() || !found.subList(0, COLUMNS.size()).equals(COLUMNS)) {
      throw new WarehouseException(
          "Payment file "
              + f.path()
              + " does not start with the header row "
              + String.join(", ", COLUMNS)
              + " (found: "
              + (found.isEmpty() ? "nothing" : String.join(", ", found))
              + "); move it out of the source folder or ask the platform for the standard export");
    }
  }

  /** The data rows of one workbook as (JSON, file name), header checked. */
  private static List<Row> workbook(SourceFile f) {
    List<List<String>> rows = new ArrayList<>();
    XlsxRows.read(f.path(), line -> rows.add(line.cells()));
    requireHeader(f, rows.isEmpty() ? List.of() : rows.get(0));
    List<Row> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      Map<String, String> cells = new LinkedHashMap<>();
      for (int i = 0; i < COLUMNS.size(); i++) {
        String v = i < r.size() ? r.get(i) : "";
        if (!v.isEmpty()) {
          cells.put(COLUMNS.get(i), v);
        }
      }
      if (cells.isEmpty()) {
        continue;
      }
      try {
        out.add(RowFactory.create(JSON.writeValueAsString(cells), f.name()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
