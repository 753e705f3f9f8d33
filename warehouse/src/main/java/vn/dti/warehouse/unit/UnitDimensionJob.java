package vn.dti.warehouse.unit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import vn.dti.warehouse.WarehouseException;

/**
 * Builds {@code silver.unit} and {@code gold.dim_unit} from the reference files of a source folder:
 * {@code reference/provinces_63_to_34_2025.csv}, {@code reference/provinces_34_2025.csv} and {@code
 * reference/agencies.csv}.
 *
 * <pre>
 * provinces_63: 70,Tỉnh Bình Phước,75,...   →  70 | Tỉnh Bình Phước | province | 63 | 2008-08-01 .. 2025-07-01 | successor 75
 * provinces_34: 75,Đồng Nai,...              →  75 | Đồng Nai        | province | 34 | 2025-07-01 .. open
 * </pre>
 */
public final class UnitDimensionJob {
  /** The day the 34-province structure took effect. */
  public static final String MERGER_DATE = "2025-07-01";

  /** Start of validity of the 63-province structure (Hà Tây joined Hà Nội on 2008-08-01). */
  public static final String ERA_63_START = "2008-08-01";

  public static final String PROVINCES_63 = "provinces_63_to_34_2025.csv";
  public static final String PROVINCES_34 = "provinces_34_2025.csv";
  public static final String AGENCIES = "agencies.csv";

  private static final List<String> P63_COLUMNS =
      List.of("old_gso_code", "old_name", "new_gso_code");
  private static final List<String> P34_COLUMNS = List.of("new_gso_code", "name");
  private static final List<String> AGENCY_COLUMNS =
      List.of("unit_code", "unit_name", "unit_level", "province_code", "valid_from", "valid_to");

  private UnitDimensionJob() {}

  /**
   * The three reference files under {@code referenceDir}, in the order {@link #transform} takes
   * them.
   */
  public static List<Path> files(Path referenceDir) {
    return List.of(
        referenceDir.resolve(PROVINCES_63),
        referenceDir.resolve(PROVINCES_34),
        referenceDir.resolve(AGENCIES));
  }

  /** Reads one of the unit reference CSVs and checks it has that file's columns. */
  public static Dataset<Row> readCsv(SparkSession spark, Path file) {
    List<String> expected =
        switch (file.getFileName().toString()) {
          case PROVINCES_63 -> P63_COLUMNS;
          case PROVINCES_34 -> P34_COLUMNS;
          default -> AGENCY_COLUMNS;
        };
    return readCsv(spark, file, expected);
  }

  /**
   * Reads a reference CSV (a header row, every column as text, UTF-8) and checks it has {@code
   * expected} columns.
   *
   * @throws WarehouseException naming the file when it is missing, unreadable, or lacks a column
   */
  public static Dataset<Row> readCsv(SparkSession spark, Path file, List<String> expected) {
    if (!Files.isRegularFile(file)) {
      throw new WarehouseException(
          "Reference file "
              + file
              + " is missing; the source folder must contain reference/"
              + file.getFileName());
    }
    Dataset<Row> df =
        spark
            .read()
            .option("header", "true")
            .option("encoding", "UTF-8")
            .option("mode", "FAILFAST")
            .csv(file.toString());
    List<String> actual = Arrays.asList(df.columns());
    for (String c : expected) {
      if (!actual.contains(c)) {
        throw new WarehouseException(
            "Reference file "
                + file
                + " has no column '"
                + c
                + "' (its header is "
                + actual
                + ");"
                + " use the layout of the committed sample");
      }
    }
    return df;
  }

  /** The rows of {@code silver.unit}. Pure: no I/O. */
  public static Dataset<Row> transform(
      Dataset<Row> provinces63, Dataset<Row> provinces34, Dataset<Row> agencies) {
    Dataset<Row> old =
        provinces63.select(
            code(col("old_gso_code")).as("unit_code"),
            trim(col("old_name")).as("unit_name"),
            lit("province").as("unit_level"),
            lit(null).cast(DataTypes.StringType).as("parent_unit_code"),
            code(col("old_gso_code")).as("province_code"),
            lit("63").as("era"),
            to_date(lit(ERA_63_START)).as("valid_from"),
            to_date(lit(MERGER_DATE)).as("valid_to"),
            code(col("new_gso_code")).as("successor_province_code"));
    Dataset<Row> current =
        provinces34.select(
            code(col("new_gso_code")).as("unit_code"),
            trim(col("name")).as("unit_name"),
            lit("province").as("unit_level"),
            lit(null).cast(DataTypes.StringType).as("parent_unit_code"),
            code(col("new_gso_code")).as("province_code"),
            lit("34").as("era"),
            to_date(lit(MERGER_DATE)).as("valid_from"),
            lit(null).cast(DataTypes.DateType).as("valid_to"),
            lit(null).cast(DataTypes.StringType).as("successor_province_code"));
    Dataset<Row> units =
        agencies.select(
            code(col("unit_code")).as("unit_code"),
            trim(col("unit_name")).as("unit_name"),
            trim(col("unit_level")).as("unit_level"),
            parent(agencies).as("parent_unit_code"),
            code(col("province_code")).as("province_code"),
            when(
                    to_date(trim(col("valid_from")), "yyyy-MM-dd").lt(to_date(lit(MERGER_DATE))),
                    lit("63"))
                .otherwise(lit("34"))
                .as("era"),
            to_date(trim(col("valid_from")), "yyyy-MM-dd").as("valid_from"),
            to_date(trim(col("valid_to")), "yyyy-MM-dd").as("valid_to"),
            lit(null).cast(DataTypes.StringType).as("successor_province_code"));
    return old.unionByName(current).unionByName(units);
  }

  /** The rows of {@code gold.dim_unit}: each unit with the name of its province at the time. */
  public static Dataset<Row> dimUnit(Dataset<Row> silverUnit) {
    Dataset<Row> provinces =
        silverUnit
            .where(col("unit_level").equalTo("province"))
            .select(
                col("unit_code").as("p_code"),
                col("unit_name").as("province_name"),
                col("era").as("p_era"));
    return silverUnit
        .join(
            provinces,
            col("province_code").equalTo(col("p_code")).and(col("era").equalTo(col("p_era"))),
            "left")
        .select(
            col("unit_code"),
            col("unit_name"),
            col("unit_level"),
            col("province_code"),
            coalesce(col("province_name"), col("province_code")).as("province_name"),
            col("era"),
            col("valid_from"),
            col("valid_to"));
  }

  /**
   * The unit a commune or district belongs to: the optional parent_unit_code column, else the
   * province.
   */
  private static org.apache.spark.sql.Column parent(Dataset<Row> agencies) {
    org.apache.spark.sql.Column province = code(col("province_code"));
    if (!Arrays.asList(agencies.columns()).contains("parent_unit_code")) {
      return province;
    }
    return org.apache.spark.sql.functions.coalesce(
        org.apache.spark.sql.functions.nullif(code(col("parent_unit_code")), lit("")), province);
  }

  private static org.apache.spark.sql.Column code(org.apache.spark.sql.Column c) {
    return upper(trim(c));
  }
}
