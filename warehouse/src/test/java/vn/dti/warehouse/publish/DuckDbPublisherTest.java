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
import vn.dti.warehouse.catalog.TableSpec;
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
        TestTables.GOLD_ITEM,
        SharedSpark.spark().createDataFrame(rows, TestTables.GOLD_ITEM.schema()));
  }

  @Test
  void publishesOneVersionPerTableWithDescriptions() {
    writeItems(5, 7);
    writeItems(5, 7, 11);
    Publication p =
        new DuckDbPublisher(store)
            .publish(
                List.of(TestTables.GOLD_ITEM, Tables.GOLD_RANKING),
                db,
                Instant.parse("2024-07-01T00:00:00Z"));
    // Version 0 created the table, 1 and 2 overwrote it; gold.ranking does not exist here and is
    // left out.
    assertThat(p.tables())
        .containsExactly(
            new Publication.PublishedTable("gold.item", 2, 3, Publication.Refresh.WHOLE));
    DuckDbReader reader = new DuckDbReader(db);
    assertThat(
            reader
                .query("select sum(amount) as s from gold.item", Map.of())
                .get(0)
                .get("s")
                .toString())
        .isEqualTo("23");
    assertThat(
            reader.query(
                "select table_name, delta_version, row_count, refresh from ops.publication",
                Map.of()))
        .containsExactly(
            Map.of(
                "table_name",
                "gold.item",
                "delta_version",
                2L,
                "row_count",
                3L,
                "refresh",
                "whole"));
    assertThat(amountComment()).isEqualTo("Amount | Số tiền");
    // The data dictionary, from the catalog.
    assertThat(
            reader.query(
                "select schema_name, table_name, layer, grain, key_columns, delta_version,"
                    + " row_count from meta.tables",
                Map.of()))
        .containsExactly(
            new java.util.LinkedHashMap<>(
                Map.of(
                    "schema_name", "gold",
                    "table_name", "item",
                    "layer", "gold",
                    "grain", "one row per item",
                    "key_columns", "id",
                    "delta_version", 2L,
                    "row_count", 3L)));
    assertThat(
            reader.query(
                "select column_name, data_type, description_vi, checks from meta.columns where"
                    + " table_name = 'item' order by column_index",
                Map.of()))
        .extracting(
            r ->
                r.get("column_name")
                    + " "
                    + r.get("data_type")
                    + " "
                    + r.get("description_vi")
                    + " "
                    + r.get("checks"))
        .containsExactly(
            "id string Khóa not null; unique",
            "month string Tháng not null",
            "amount bigint Số tiền not null",
            "updated_at timestamp Thời điểm cập nhật not null");
  }

  @Test
  void aNewPublicationReplacesTheOldFileWhole() {
    writeItems(1);
    new DuckDbPublisher(store).publish(List.of(TestTables.GOLD_ITEM), db, Instant.EPOCH);
    writeItems(1, 2);
    new DuckDbPublisher(store).publish(List.of(TestTables.GOLD_ITEM), db, Instant.EPOCH);
    assertThat(
            new DuckDbReader(db)
                .query("select count(*) as n from gold.item", Map.of())
                .get(0)
                .get("n"))
        .isEqualTo(2L);
    assertThat(db.resolveSibling(".publish-staging")).doesNotExist();
    assertThat(db.resolveSibling("dti.duckdb.tmp")).doesNotExist();
  }

  private Object amountComment() {
    return new DuckDbReader(db)
        .query(
            "select comment from duckdb_columns() where schema_name = 'gold'"
                + " and table_name = 'item' and column_name = 'amount'",
            Map.of())
        .get(0)
        .get("comment");
  }

  private static org.apache.spark.sql.Row item(String id, String month, long amount) {
    return RowFactory.create(id, month, amount, Timestamp.valueOf(month + "-01 00:00:00"));
  }

  private org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> items(
      org.apache.spark.sql.Row... rows) {
    return SharedSpark.spark().createDataFrame(List.of(rows), TestTables.GOLD_ITEM.schema());
  }

  private Map<String, Object> itemsInDuckDb() {
    Map<String, Object> out = new java.util.TreeMap<>();
    new DuckDbReader(db)
        .query("select id, amount from gold.item", Map.of())
        .forEach(r -> out.put((String) r.get("id"), r.get("amount")));
    return out;
  }

  private Publication.Refresh publishItems() {
    Publication p =
        new DuckDbPublisher(store).publish(List.of(TestTables.GOLD_ITEM), db, Instant.EPOCH);
    assertThat(p.tables()).hasSize(1);
    return p.tables().get(0).refresh();
  }

  /**
   * After replacements of slices, only those slices are loaded again, and the copy equals the
   * table: May keeps its rows, June's are replaced (one dropped, one changed, one new).
   */
  @Test
  void aNightThatReplacedSlicesReloadsOnlyThem() {
    store.overwrite(
        TestTables.GOLD_ITEM,
        items(
            item("a", "2024-05", 1),
            item("b", "2024-06", 2),
            item("c", "2024-06", 3),
            item("d", "2024-07", 4)));
    assertThat(publishItems()).isEqualTo(Publication.Refresh.WHOLE);
    assertThat(publishItems()).isEqualTo(Publication.Refresh.KEPT);
    store.replaceWhere(
        TestTables.GOLD_ITEM,
        items(item("c", "2024-06", 30), item("e", "2024-06", 5)),
        "month",
        List.of("2024-06"));
    store.replaceWhere(
        TestTables.GOLD_ITEM,
        items(item("d", "2024-07", 40)),
        Map.of("month", List.of("2024-07"), "id", List.of("d")));
    assertThat(publishItems()).isEqualTo(Publication.Refresh.SLICES);
    assertThat(itemsInDuckDb()).isEqualTo(Map.of("a", 1L, "c", 30L, "d", 40L, "e", 5L));
    assertThat(
            new DuckDbReader(db)
                .query("select refresh, row_count from ops.publication", Map.of())
                .get(0))
        .isEqualTo(Map.of("refresh", "slices", "row_count", 4L));
    // The descriptions survive a refresh by slices.
    assertThat(amountComment()).isEqualTo("Amount | Số tiền");
  }

  /**
   * A slice of timestamps cannot be selected by its text on both sides (the text depends on each
   * side's time zone and precision): the table is reloaded whole, and its rows are right.
   */
  @Test
  void slicesOfTimestampsAreLoadedWhole() {
    store.overwrite(TestTables.GOLD_ITEM, items(item("a", "2024-05", 1), item("b", "2024-06", 2)));
    publishItems();
    // The slice as Spark writes it in the session's time zone.
    String june =
        store
            .read(TestTables.GOLD_ITEM)
            .where("id = 'b'")
            .selectExpr("cast(updated_at as string)")
            .first()
            .getString(0);
    store.replaceWhere(
        TestTables.GOLD_ITEM, items(item("b", "2024-06", 20)), "updated_at", List.of(june));
    assertThat(publishItems()).isEqualTo(Publication.Refresh.WHOLE);
    assertThat(itemsInDuckDb()).isEqualTo(Map.of("a", 1L, "b", 20L));
  }

  /**
   * An append or a merge (what the silver loads do) records no slice: the months it wrote files in
   * are reloaded, the others kept.
   */
  @Test
  void appendsAndMergesReloadTheMonthsTheyWrote() throws java.sql.SQLException {
    store.overwrite(
        TestTables.GOLD_ITEM,
        items(item("a", "2024-05", 1), item("b", "2024-06", 2), item("c", "2024-07", 3)));
    publishItems();
    // A mark only DuckDB holds, in a month no commit touches: kept if July is not reloaded.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
        java.sql.Statement st = c.createStatement()) {
      st.execute("update gold.item set amount = 99 where id = 'c'");
    }
    store.append(TestTables.GOLD_ITEM, items(item("d", "2024-05", 4)));
    store.upsert(
        TestTables.GOLD_ITEM,
        items(item("b", "2024-06", 20), item("e", "2024-08", 5)),
        "true",
        "month",
        List.of("2024-06", "2024-08"));
    assertThat(publishItems()).isEqualTo(Publication.Refresh.SLICES);
    assertThat(itemsInDuckDb()).isEqualTo(Map.of("a", 1L, "b", 20L, "c", 99L, "d", 4L, "e", 5L));
    assertThat(
            new DuckDbReader(db)
                .query("select refresh, row_count from ops.publication", Map.of())
                .get(0))
        .isEqualTo(Map.of("refresh", "slices", "row_count", 5L));
  }

  /** The table created again cannot be replayed by slice: the table is reloaded. */
  @Test
  void recreatedTablesAreLoadedWhole() throws Exception {
    store.overwrite(TestTables.GOLD_ITEM, items(item("a", "2024-05", 1)));
    publishItems();
    // The same version number on a table built again from nothing is not the same table.
    long version = store.version(TestTables.GOLD_ITEM).orElseThrow();
    java.nio.file.Path table = java.nio.file.Path.of(store.path(TestTables.GOLD_ITEM));
    try (var walk = java.nio.file.Files.walk(table)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    store.overwrite(TestTables.GOLD_ITEM, items(item("z", "2024-05", 9)));
    assertThat(store.version(TestTables.GOLD_ITEM)).hasValue(version);
    assertThat(publishItems()).isEqualTo(Publication.Refresh.WHOLE);
    assertThat(itemsInDuckDb()).isEqualTo(Map.of("z", 9L));
  }

  /**
   * A silver table keeps a change feed: a night's merge reloads the rows of the keys it changed,
   * not its months; a deleted key goes; rows of the same months that did not change are kept.
   */
  @Test
  void silverReloadsTheKeysItsChangeFeedNames() throws java.sql.SQLException {
    TableSpec silver = TestTables.ITEM;
    store.overwrite(
        silver,
        SharedSpark.spark()
            .createDataFrame(
                List.of(item("a", "2024-05", 1), item("b", "2024-06", 2), item("c", "2024-06", 3)),
                silver.schema()));
    new DuckDbPublisher(store).publish(List.of(silver), db, Instant.EPOCH);
    // Marks only DuckDB holds, on rows no commit touches: kept unless their rows are reloaded.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
        java.sql.Statement st = c.createStatement()) {
      st.execute("update silver.item set amount = amount + 100 where id in ('a', 'c')");
    }
    store.upsert(
        silver,
        SharedSpark.spark()
            .createDataFrame(
                List.of(item("b", "2024-06", 20), item("d", "2024-06", 4)), silver.schema()),
        "true",
        "month",
        List.of("2024-06"));
    io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), store.path(silver)).delete("id = 'a'");
    Publication p = new DuckDbPublisher(store).publish(List.of(silver), db, Instant.EPOCH);
    assertThat(p.tables().get(0).refresh()).isEqualTo(Publication.Refresh.KEYS);
    Map<String, Object> got = new java.util.TreeMap<>();
    new DuckDbReader(db)
        .query("select id, amount from silver.item", Map.of())
        .forEach(r -> got.put((String) r.get("id"), r.get("amount")));
    // b changed, d is new, a was deleted; c (June, unchanged) keeps DuckDB's mark.
    assertThat(got).isEqualTo(Map.of("b", 20L, "c", 103L, "d", 4L));
    assertThat(p.refreshSummary())
        .isEqualTo("0 unchanged, 0 by replaced slices, 1 by changed keys, 0 whole");
  }

  /** Whether publishing again would change anything is read from the file itself. */
  @Test
  void theFileSaysWhetherItHoldsTheCurrentVersions() throws Exception {
    DuckDbPublisher publisher = new DuckDbPublisher(store);
    List<vn.dti.warehouse.catalog.TableSpec> items = List.of(TestTables.GOLD_ITEM);
    store.overwrite(TestTables.GOLD_ITEM, items(item("a", "2024-05", 1)));
    assertThat(publisher.holdsCurrent(items, db)).isFalse();
    publishItems();
    assertThat(publisher.holdsCurrent(items, db)).isTrue();
    java.nio.file.Path older = db.resolveSibling("older.duckdb");
    java.nio.file.Files.copy(db, older);
    store.append(TestTables.GOLD_ITEM, items(item("b", "2024-06", 2)));
    assertThat(publisher.holdsCurrent(items, db)).isFalse();
    publishItems();
    assertThat(publisher.holdsCurrent(items, db)).isTrue();
    // A copy of an older night put back in its place is not current.
    java.nio.file.Files.copy(older, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(publisher.holdsCurrent(items, db)).isFalse();
    // Nor is a file that holds another set of tables.
    publishItems();
    assertThat(publisher.holdsCurrent(List.of(TestTables.GOLD_ITEM, Tables.OPS_BATCH), db))
        .isTrue();
    store.createIfMissing(Tables.OPS_BATCH);
    assertThat(publisher.holdsCurrent(List.of(TestTables.GOLD_ITEM, Tables.OPS_BATCH), db))
        .isFalse();
    assertThat(publisher.holdsCurrent(List.of(), db)).isFalse();
    assertThat(publisher.holdsCurrent(List.of(), db, TestTables.GOLD_ITEM.name())).isTrue();
  }

  @Test
  void readingAMissingDatabaseSaysWhatToRun() {
    assertThatThrownBy(() -> new DuckDbReader(db.resolveSibling("absent.duckdb")))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("run 'dti nightly' or 'dti publish' first");
  }
}
