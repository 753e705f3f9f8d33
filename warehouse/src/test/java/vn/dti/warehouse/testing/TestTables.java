package vn.dti.warehouse.testing;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import vn.dti.warehouse.catalog.ColumnSpec;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;

/** Small tables for testing the storage layer without the real catalog's width. */
public final class TestTables {
  private TestTables() {}

  /** silver.item: key {@code id}, partitioned by {@code month}, versioned by {@code updated_at}. */
  public static final TableSpec ITEM =
      new TableSpec(
          Layer.SILVER,
          "item",
          "one row per item",
          List.of(
              ColumnSpec.required("id", StringType, "Key", "Khóa"),
              ColumnSpec.required("month", StringType, "Partition", "Tháng"),
              ColumnSpec.required("amount", LongType, "Amount", "Số tiền"),
              ColumnSpec.required(
                  "updated_at", TimestampType, "Version time", "Thời điểm cập nhật")),
          List.of("month"),
          List.of("id"));

  /** gold.item: the same columns in the gold layer (no change feed: refreshed by slices). */
  public static final TableSpec GOLD_ITEM =
      new TableSpec(
          Layer.GOLD,
          "item",
          "one row per item",
          ITEM.columns(),
          ITEM.partitionColumns(),
          ITEM.keyColumns());
}
