package vn.dti.warehouse.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.testing.SharedSpark;
import vn.dti.warehouse.testing.TestTables;

class DeltaTableStoreTest {
  private final DeltaTableStore store = SharedSpark.newStore();

  private Dataset<Row> items(Object[]... rows) {
    return SharedSpark.spark()
        .createDataFrame(
            List.of(rows).stream().map(RowFactory::create).toList(), TestTables.ITEM.schema());
  }

  private static Object[] item(String id, String month, long amount, String at) {
    return new Object[] {id, month, amount, Timestamp.valueOf(at)};
  }

  private Map<String, Long> amounts() {
    Map<String, Long> m = new TreeMap<>();
    store.read(TestTables.ITEM).collectAsList().forEach(r -> m.put(r.getString(0), r.getLong(2)));
    return m;
  }

  /** Writes a (May) and b (June) and returns the version holding them. */
  private long mayAndJune() {
    store.overwrite(
        TestTables.ITEM,
        items(
            item("a", "2024-05", 1, "2024-05-01 10:00:00"),
            item("b", "2024-06", 2, "2024-06-01 10:00:00")));
    return store.version(TestTables.ITEM).orElseThrow();
  }

  @Test
  void readingAMissingTableGivesAnEmptyFrameWithTheCatalogSchema() {
    Dataset<Row> df = store.read(TestTables.ITEM);
    assertThat(df.count()).isZero();
    assertThat(df.columns()).containsExactly("id", "month", "amount", "updated_at");
    assertThat(store.exists(TestTables.ITEM)).isFalse();
    assertThat(store.version(TestTables.ITEM)).isEmpty();
  }

  /**
   * A table written before its catalog entry was partitioned (as the scoring tables were, by
   * methodology alone) is rewritten in the catalog's partitioning with the same rows; a table
   * already so is left alone.
   */
  @Test
  void aTableInAnOlderPartitioningIsRewrittenInTheCatalogs() {
    vn.dti.warehouse.catalog.TableSpec unpartitioned =
        new vn.dti.warehouse.catalog.TableSpec(
            TestTables.ITEM.layer(),
            TestTables.ITEM.entity(),
            TestTables.ITEM.grain(),
            TestTables.ITEM.columns(),
            List.of(),
            TestTables.ITEM.keyColumns());
    store.overwrite(
        unpartitioned,
        items(
            item("a", "2024-05", 1, "2024-05-01 10:00:00"),
            item("b", "2024-06", 2, "2024-06-01 10:00:00")));
    long before = store.version(TestTables.ITEM).orElseThrow();
    assertThat(store.storedPartitioning(TestTables.ITEM)).isEmpty();
    assertThat(store.repartition(unpartitioned)).isFalse();

    assertThat(store.repartition(TestTables.ITEM)).isTrue();
    assertThat(store.storedPartitioning(TestTables.ITEM)).containsExactly("month");
    assertThat(amounts()).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
    assertThat(store.version(TestTables.ITEM)).hasValue(before + 1);
    // The old version is still there to read, and a second call has nothing to do.
    assertThat(store.readAt(TestTables.ITEM, before).count()).isEqualTo(2);
    assertThat(store.repartition(TestTables.ITEM)).isFalse();
    // A replacement of one month now rewrites that partition only.
    store.replaceWhere(
        TestTables.ITEM,
        items(item("c", "2024-06", 3, "2024-06-02 10:00:00")),
        "month",
        List.of("2024-06"));
    assertThat(amounts()).containsExactly(Map.entry("a", 1L), Map.entry("c", 3L));
  }

  /** The columns each file of the table has minimum values for, one set per file, sorted. */
  private List<List<String>> statisticsColumnsPerFile() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<List<String>> out = new java.util.ArrayList<>();
    for (Row r :
        org.apache.spark.sql.delta.DeltaLog.forTable(
                SharedSpark.spark(), store.path(TestTables.ITEM))
            .update(false, scala.Option.empty(), scala.Option.empty())
            .allFiles()
            .select("path", "stats")
            .orderBy("path")
            .collectAsList()) {
      List<String> names = new java.util.ArrayList<>();
      json.readTree(r.getString(1)).path("minValues").fieldNames().forEachRemaining(names::add);
      out.add(names.stream().sorted().toList());
    }
    return out;
  }

  /**
   * A table whose catalog entry names statistics columns gets file statistics on those only; a
   * table made before with Delta's default is given them by {@code alignStatistics} (its old files
   * keep theirs, its rows are unchanged), and set back the same way.
   */
  @Test
  void fileStatisticsAreCollectedOnTheCatalogsColumns() throws Exception {
    vn.dti.warehouse.catalog.TableSpec idOnly = TestTables.ITEM.withStatsColumns("id");
    store.overwrite(idOnly, items(item("a", "2024-05", 1, "2024-05-01 10:00:00")));
    assertThat(statisticsColumnsPerFile()).containsExactly(List.of("id"));
    assertThat(store.alignStatistics(idOnly)).isFalse();

    // Back to Delta's default: the next file has statistics on every non-partition column.
    assertThat(store.alignStatistics(TestTables.ITEM)).isTrue();
    assertThat(store.alignStatistics(TestTables.ITEM)).isFalse();
    store.append(TestTables.ITEM, items(item("b", "2024-05", 2, "2024-05-02 10:00:00")));
    assertThat(statisticsColumnsPerFile())
        .containsExactlyInAnyOrder(List.of("id"), List.of("amount", "id", "updated_at"));

    long before = store.version(TestTables.ITEM).orElseThrow();
    assertThat(store.alignStatistics(idOnly)).isTrue();
    assertThat(store.version(TestTables.ITEM)).hasValue(before + 1);
    store.append(TestTables.ITEM, items(item("c", "2024-06", 3, "2024-06-01 10:00:00")));
    assertThat(statisticsColumnsPerFile())
        .containsExactlyInAnyOrder(
            List.of("id"), List.of("amount", "id", "updated_at"), List.of("id"));
    assertThat(amounts()).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L));
    // Skipping by the column that keeps its statistics still works.
    assertThat(store.read(TestTables.ITEM).where("id = 'c'").count()).isEqualTo(1);
    // No table, nothing to align.
    vn.dti.warehouse.catalog.TableSpec absent =
        new vn.dti.warehouse.catalog.TableSpec(
            TestTables.ITEM.layer(),
            "absent",
            TestTables.ITEM.grain(),
            TestTables.ITEM.columns(),
            TestTables.ITEM.partitionColumns(),
            TestTables.ITEM.keyColumns(),
            List.of("id"));
    assertThat(store.alignStatistics(absent)).isFalse();
    assertThat(store.exists(absent)).isFalse();
  }

  @Test
  void upsertInsertsNewKeysAndUpdatesOnlyWithNewerVersions() {
    store.append(
        TestTables.ITEM,
        items(
            item("a", "2024-05", 1, "2024-05-01 10:00:00"),
            item("b", "2024-05", 2, "2024-05-01 10:00:00")));
    Dataset<Row> changes =
        items(
            item("a", "2024-05", 10, "2024-05-02 10:00:00"), // newer: wins
            item("b", "2024-05", 20, "2024-04-30 10:00:00"), // older, arrived late: ignored
            item("c", "2024-06", 30, "2024-06-01 10:00:00")); // new key
    store.upsert(
        TestTables.ITEM,
        changes,
        "s.updated_at > t.updated_at",
        "month",
        List.of("2024-05", "2024-06"));
    assertThat(amounts()).isEqualTo(Map.of("a", 10L, "b", 2L, "c", 30L));
    // Running the same upsert again changes nothing.
    store.upsert(
        TestTables.ITEM,
        changes,
        "s.updated_at > t.updated_at",
        "month",
        List.of("2024-05", "2024-06"));
    assertThat(amounts()).isEqualTo(Map.of("a", 10L, "b", 2L, "c", 30L));
  }

  @Test
  void replaceWhereRewritesOnlyTheNamedPartitions() {
    store.overwrite(
        TestTables.ITEM,
        items(
            item("a", "2024-05", 1, "2024-05-01 10:00:00"),
            item("b", "2024-06", 2, "2024-06-01 10:00:00")));
    store.replaceWhere(
        TestTables.ITEM,
        items(item("c", "2024-06", 3, "2024-06-02 10:00:00")),
        "month",
        List.of("2024-06"));
    assertThat(amounts()).isEqualTo(Map.of("a", 1L, "c", 3L));
  }

  /** Partition 2024-05, ids a and b only: c of May and a of June keep their amounts. */
  @Test
  void replaceWhereWithSeveralConditionsRewritesOnlyRowsMatchingAll() {
    store.overwrite(
        TestTables.ITEM,
        items(
            item("a", "2024-05", 1, "2024-05-01 10:00:00"),
            item("b", "2024-05", 2, "2024-05-01 10:00:00"),
            item("c", "2024-05", 3, "2024-05-01 10:00:00"),
            item("a2", "2024-06", 4, "2024-06-01 10:00:00")));
    store.replaceWhere(
        TestTables.ITEM,
        items(item("a", "2024-05", 10, "2024-05-02 10:00:00")),
        Map.of("month", List.of("2024-05"), "id", List.of("a", "b")));
    assertThat(amounts()).isEqualTo(Map.of("a", 10L, "c", 3L, "a2", 4L));
    long version = store.version(TestTables.ITEM).orElseThrow();
    store.replaceWhere(
        TestTables.ITEM, items(), Map.of("month", List.of("2024-05"), "id", List.of()));
    assertThat(store.version(TestTables.ITEM)).hasValue(version);
  }

  /**
   * The log names the partitions a commit wrote to or removed files from: a replaced June and an
   * appended August, not the untouched May; an upsert that moves a row from May to July names both.
   */
  @Test
  void theLogTellsWhichPartitionsCommitsChanged() {
    long v = mayAndJune();
    store.replaceWhere(
        TestTables.ITEM,
        items(item("c", "2024-06", 3, "2024-06-02 10:00:00")),
        "month",
        List.of("2024-06"));
    store.append(TestTables.ITEM, items(item("d", "2024-08", 4, "2024-08-01 10:00:00")));
    long now = store.version(TestTables.ITEM).orElseThrow();
    assertThat(store.partitionsChanged(TestTables.ITEM, v, now))
        .hasValue(java.util.Set.of("2024-06", "2024-08"));
    assertThat(store.partitionsChanged(TestTables.ITEM, now, now)).hasValue(java.util.Set.of());
    store.upsert(
        TestTables.ITEM,
        items(item("a", "2024-07", 1, "2024-07-01 10:00:00")),
        "s.updated_at > t.updated_at",
        "month",
        List.of());
    // a's newer version is in July: the May file is rewritten without it, July gains it.
    assertThat(store.partitionsChanged(TestTables.ITEM, now, now + 1))
        .hasValue(java.util.Set.of("2024-05", "2024-07"));
    // A version the log no longer holds (here: never written) cannot be answered.
    assertThat(store.partitionsChanged(TestTables.ITEM, now + 1, now + 5)).isEmpty();
  }

  /**
   * Replacements record the slice they replaced; a compaction changes no rows and records none; an
   * append (rows no slice names) makes the range unanswerable, as does a commit the log lacks.
   */
  @Test
  void theLogTellsWhichSlicesReplacementsReplaced() {
    long v = mayAndJune();
    store.replaceWhere(
        TestTables.ITEM,
        items(
            item("c", "2024-06", 3, "2024-06-02 10:00:00"),
            item("e", "2024-06", 5, "2024-06-02 10:00:00")),
        "month",
        List.of("2024-06"));
    store.replaceWhere(
        TestTables.ITEM,
        items(item("a", "2024-05", 10, "2024-05-02 10:00:00")),
        Map.of("month", List.of("2024-05"), "id", List.of("a", "b")));
    // June's file is rewritten without c and c comes in a file of its own: two files to compact.
    store.replaceWhere(
        TestTables.ITEM,
        items(item("c", "2024-06", 30, "2024-06-03 10:00:00")),
        Map.of("month", List.of("2024-06"), "id", List.of("c")));
    TableStore.Maintenance compaction = store.compact(TestTables.ITEM);
    assertThat(compaction.filesAfter()).isLessThan(compaction.filesBefore());
    long now = store.version(TestTables.ITEM).orElseThrow();
    assertThat(now).isEqualTo(v + 4);
    assertThat(store.slicesReplaced(TestTables.ITEM, v, now))
        .hasValue(
            List.of(
                Map.of("month", List.of("2024-06")),
                Map.of("id", List.of("a", "b"), "month", List.of("2024-05")),
                Map.of("id", List.of("c"), "month", List.of("2024-06"))));
    assertThat(amounts()).isEqualTo(Map.of("a", 10L, "c", 30L, "e", 5L));
    assertThat(store.slicesReplaced(TestTables.ITEM, now - 1, now)).hasValue(List.of());
    // An append, a merge and a whole overwrite record no slice: their partitions stand for it.
    store.append(TestTables.ITEM, items(item("d", "2024-08", 4, "2024-08-01 10:00:00")));
    assertThat(store.slicesReplaced(TestTables.ITEM, now, now + 1))
        .hasValue(List.of(Map.of("month", List.of("2024-08"))));
    store.upsert(
        TestTables.ITEM,
        items(
            item("e", "2024-06", 50, "2024-06-05 10:00:00"),
            item("f", "2024-07", 6, "2024-07-01 10:00:00")),
        "s.updated_at > t.updated_at",
        "month",
        List.of("2024-06", "2024-07"));
    assertThat(store.slicesReplaced(TestTables.ITEM, now + 1, now + 2))
        .hasValue(List.of(Map.of("month", List.of("2024-06", "2024-07"))));
    store.overwrite(TestTables.ITEM, items(item("g", "2024-09", 7, "2024-09-01 10:00:00")));
    // Every month that had rows before, and the new one.
    assertThat(store.slicesReplaced(TestTables.ITEM, now + 2, now + 3))
        .hasValue(
            List.of(
                Map.of("month", List.of("2024-05", "2024-06", "2024-07", "2024-08", "2024-09"))));
    assertThat(store.slicesReplaced(TestTables.ITEM, now + 3, now + 5)).isEmpty();
    // The overwrite that wrote the first rows into the empty table touched their two months.
    assertThat(store.slicesReplaced(TestTables.ITEM, v - 1, v))
        .hasValue(List.of(Map.of("month", List.of("2024-05", "2024-06"))));
  }

  /**
   * The rows a replacement wrote come from its commit, and only for the slice it replaced: after a
   * compaction or for another slice the caller has to count.
   */
  @Test
  void theRowsAReplacementWroteAreReadFromItsCommit() {
    mayAndJune();
    store.replaceWhere(
        TestTables.ITEM,
        items(
            item("c", "2024-06", 3, "2024-06-02 10:00:00"),
            item("e", "2024-06", 5, "2024-06-02 10:00:00"),
            item("f", "2024-06", 6, "2024-06-02 10:00:00")),
        "month",
        List.of("2024-06"));
    assertThat(store.rowsWrittenReplacing(TestTables.ITEM, Map.of("month", List.of("2024-06"))))
        .hasValue(3);
    assertThat(store.rowsWrittenReplacing(TestTables.ITEM, Map.of("month", List.of("2024-05"))))
        .isEmpty();
    store.replaceWhere(
        TestTables.ITEM,
        items(item("a", "2024-05", 10, "2024-05-02 10:00:00")),
        Map.of("month", List.of("2024-05"), "id", List.of("a", "b")));
    assertThat(
            store.rowsWrittenReplacing(
                TestTables.ITEM, Map.of("id", List.of("a", "b"), "month", List.of("2024-05"))))
        .hasValue(1);
    store.append(TestTables.ITEM, items(item("d", "2024-08", 4, "2024-08-01 10:00:00")));
    assertThat(
            store.rowsWrittenReplacing(
                TestTables.ITEM, Map.of("id", List.of("a", "b"), "month", List.of("2024-05"))))
        .isEmpty();
  }

  @Test
  void timeTravelReadsAnEarlierVersion() {
    store.overwrite(TestTables.ITEM, items(item("a", "2024-05", 1, "2024-05-01 10:00:00")));
    long v = store.version(TestTables.ITEM).orElseThrow();
    store.overwrite(TestTables.ITEM, items(item("a", "2024-05", 5, "2024-05-01 10:00:00")));
    assertThat(store.version(TestTables.ITEM)).hasValue(v + 1);
    assertThat(store.readAt(TestTables.ITEM, v).head().getLong(2)).isEqualTo(1L);
    assertThat(store.read(TestTables.ITEM).head().getLong(2)).isEqualTo(5L);
  }

  @Test
  void changeFeedReturnsRowsWrittenBetweenVersions() {
    store.append(TestTables.ITEM, items(item("a", "2024-05", 1, "2024-05-01 10:00:00")));
    long v = store.version(TestTables.ITEM).orElseThrow();
    store.upsert(
        TestTables.ITEM,
        items(item("b", "2024-07", 2, "2024-07-01 10:00:00")),
        "true",
        "month",
        List.of("2024-07"));
    List<Row> changed = store.changesBetween(TestTables.ITEM, v + 1, v + 1).collectAsList();
    assertThat(changed).extracting(r -> r.getString(0)).containsExactly("b");
  }

  @Test
  void changeFeedShowsTheSliceAnUpdatedRowLeftAsWellAsTheOneItEntered() {
    store.append(TestTables.ITEM, items(item("m", "2024-01", 1, "2024-01-31 23:00:00")));
    long v = store.version(TestTables.ITEM).orElseThrow();
    store.upsert(
        TestTables.ITEM,
        items(item("m", "2024-02", 1, "2024-02-01 06:00:00")),
        "s.updated_at > t.updated_at",
        "month",
        List.of());
    List<Row> changed = store.changesBetween(TestTables.ITEM, v + 1, v + 1).collectAsList();
    assertThat(changed)
        .extracting(r -> r.getString(0) + " " + r.getString(1))
        .containsExactlyInAnyOrder("m 2024-01", "m 2024-02");
  }

  @Test
  void writesWithMissingExtraOrMistypedColumnsAreRefusedWithTheTableNamed() {
    StructType wrong =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("amount", DataTypes.StringType)
            .add("extra", DataTypes.StringType);
    Dataset<Row> df =
        SharedSpark.spark().createDataFrame(List.of(RowFactory.create("a", "m", "1", "x")), wrong);
    assertThatThrownBy(() -> store.append(TestTables.ITEM, df))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("silver.item")
        .hasMessageContaining("missing column updated_at")
        .hasMessageContaining("column amount is string, expected bigint")
        .hasMessageContaining("unexpected column extra");
    assertThat(store.exists(TestTables.ITEM)).isFalse();
  }

  @Test
  void columnsAreStoredInCatalogOrderWhateverTheInputOrder() {
    Dataset<Row> shuffled =
        items(item("a", "2024-05", 1, "2024-05-01 10:00:00"))
            .select("updated_at", "amount", "id", "month");
    store.append(TestTables.ITEM, shuffled);
    assertThat(store.read(TestTables.ITEM).columns())
        .containsExactly("id", "month", "amount", "updated_at");
  }

  @Test
  void nullsInRequiredColumnsAreRejectedByDelta() {
    StructType nullable = TestTables.ITEM.schema();
    StructType loose = new StructType();
    for (var f : nullable.fields()) {
      loose = loose.add(f.name(), f.dataType(), true);
    }
    Dataset<Row> df =
        SharedSpark.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create(
                        "a", "2024-05", null, Timestamp.valueOf("2024-05-01 10:00:00"))),
                loose);
    assertThatThrownBy(() -> store.append(TestTables.ITEM, df))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("silver.item");
  }

  @Test
  void predicateLiteralsAreQuoted() {
    assertThat(DeltaTableStore.inPredicate("month", List.of("2024-05", "it's")))
        .isEqualTo("month IN ('2024-05', 'it\\'s')");
  }
}
