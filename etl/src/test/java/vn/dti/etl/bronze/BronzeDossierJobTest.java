package vn.dti.etl.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

class BronzeDossierJobTest {
  @Test
  void keepsEveryNonBlankLineAsReceivedWithLineage() {
    StructType lineSchema =
        new StructType().add("value", DataTypes.StringType).add("file_name", DataTypes.StringType);
    Dataset<Row> lines =
        SharedSpark.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("{\"a\":1}", "d-2024-05-01.jsonl"),
                    RowFactory.create("   ", "d-2024-05-01.jsonl"),
                    RowFactory.create("not json", "d-2024-05-01.jsonl")),
                lineSchema);
    StructType batchSchema =
        new StructType()
            .add("file_name", DataTypes.StringType)
            .add("batch_id", DataTypes.StringType);
    Dataset<Row> batches =
        SharedSpark.spark()
            .createDataFrame(
                List.of(RowFactory.create("d-2024-05-01.jsonl", "portal:abc")), batchSchema);
    Dataset<Row> bronze =
        BronzeDossierJob.transform(lines, batches, Instant.parse("2024-07-01T00:00:00Z"));
    List<Row> rows = bronze.orderBy("raw_record").collectAsList();
    assertThat(rows)
        .extracting(r -> r.<String>getAs("raw_record"))
        .containsExactly("not json", "{\"a\":1}");
    // sha256("{\"a\":1}") as printed by `printf '{"a":1}' | sha256sum`
    assertThat(rows.get(1).<String>getAs("_record_hash"))
        .isEqualTo("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
    assertThat(rows).extracting(r -> r.<String>getAs("_batch_id")).containsOnly("portal:abc");
    assertThat(DeltaTableStore.conform(Tables.BRONZE_PORTAL_DOSSIER, bronze).count()).isEqualTo(2);
  }
}
