package vn.dti.etl.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BatchAccountingTest {
  private static final StructType BATCH =
      new StructType()
          .add("batch_id", DataTypes.StringType)
          .add("records_read", DataTypes.LongType);

  private static List<Row> batches(long... records) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      out.add(new GenericRowWithSchema(new Object[] {"b" + i, records[i]}, BATCH));
    }
    return out;
  }

  private static List<String> sizes(List<List<Row>> chunks) {
    return chunks.stream()
        .map(
            c ->
                c.stream()
                    .map(r -> String.valueOf(r.<Long>getAs("records_read")))
                    .toList()
                    .toString())
        .toList();
  }

  @Test
  void consecutiveBatchesAreGroupedUpToTheLimitAndABigOneStandsAlone() {
    assertThat(sizes(BatchAccounting.chunks(batches(4, 3, 3, 9, 1, 1), 10)))
        .containsExactly("[4, 3, 3]", "[9, 1]", "[1]");
    assertThat(sizes(BatchAccounting.chunks(batches(25, 2), 10))).containsExactly("[25]", "[2]");
    assertThat(BatchAccounting.chunks(batches(), 10)).isEmpty();
    // Every batch is in exactly one chunk, in order.
    List<Row> all = batches(7, 7, 7, 7);
    assertThat(BatchAccounting.chunks(all, 15).stream().flatMap(List::stream).toList())
        .containsExactlyElementsOf(all);
  }
}
