package vn.dti.warehouse.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;
import vn.dti.warehouse.testing.TestTables;

class DuckDbPublisherTest {
  private final DeltaTableStore store = SharedSpark.newStore();
  private final Path db = SharedSpark.newFolder("duck-").resolve("dti.duckdb");

  private void writeItems(long... amounts) {
    List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < amounts.length; i++) {
      rows.add(
          RowFactory.create(
              "id" + i, "2024-05", amounts[i], Timestamp.valueOf("2024-05-01 00:00:00")));
    }
    store.overwrite(
        TestTables.ITEM, SharedSpark.spark().createDataFrame(rows, TestTables.ITEM.schema()));
  }

  @Test
  void publishesOneVersionPerTableWithDescriptions() {
    writeItems(5, 7);
    writeItems(5, 7, 11);
    Publication p =
        new DuckDbPublisher(store)
            .publish(
                List.of(TestTables.ITEM, Tables.GOLD_RANKING),
                db,
                Instant.parse("2024-07-01T00:00:00Z"));
    // Version 0 created the table, 1 and 2 overwrote it; gold.ranking does not exist here and is
    // left out.
    assertThat(p.tables()).containsExactly(new Publication.PublishedTable("silver.item", 2, 3));
    DuckDbReader reader = new DuckDbReader(db);
    assertThat(
            reader
                .query("select sum(amount) as s from silver.item", Map.of())
                .get(0)
                .get("s")
                .toString())
        .isEqualTo("23");
    assertThat(
            reader.query(
                "select table_name, delta_version, row_count from ops.publication", Map.of()))
        .containsExactly(Map.of("table_name", "silver.item", "delta_version", 2L, "row_count", 3L));
    assertThat(
            reader
                .query(
                    "select comment from duckdb_columns() where schema_name = 'silver' and table_name = 'item' and column_name = 'amount'",
                    Map.of())
                .get(0)
                .get("comment"))
        .isEqualTo("Amount | Số tiền");
  }

  @Test
  void aNewPublicationReplacesTheOldFileWhole() {
    writeItems(1);
    new DuckDbPublisher(store).publish(List.of(TestTables.ITEM), db, Instant.EPOCH);
    writeItems(1, 2);
    new DuckDbPublisher(store).publish(List.of(TestTables.ITEM), db, Instant.EPOCH);
    assertThat(
            new DuckDbReader(db)
                .query("select count(*) as n from silver.item", Map.of())
                .get(0)
                .get("n"))
        .isEqualTo(2L);
    assertThat(db.resolveSibling(".publish-staging")).doesNotExist();
    assertThat(db.resolveSibling("dti.duckdb.tmp")).doesNotExist();
  }

  @Test
  void readingAMissingDatabaseSaysWhatToRun() {
    assertThatThrownBy(() -> new DuckDbReader(db.resolveSibling("absent.duckdb")))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("run 'dti nightly' or 'dti publish' first");
  }
}
