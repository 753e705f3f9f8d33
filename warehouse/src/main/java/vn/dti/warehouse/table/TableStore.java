package vn.dti.warehouse.table;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.dti.warehouse.catalog.TableSpec;

/**
 * Reads and writes the catalog's tables. Every write is one atomic commit: a failed write leaves
 * the table as it was. Rows written must carry exactly the catalog's columns (any order); they are
 * stored in catalog order.
 */
public interface TableStore {

  /** The session the tables are read with. */
  SparkSession spark();

  /** Whether the table has been created. */
  boolean exists(TableSpec table);

  /** The table's current version, or empty when it does not exist. */
  OptionalLong version(TableSpec table);

  /**
   * The table's current contents; an empty frame with the catalog's schema when it does not exist
   * yet.
   */
  Dataset<Row> read(TableSpec table);

  /** The table as it was at {@code version} (time travel). */
  Dataset<Row> readAt(TableSpec table, long version);

  /**
   * The rows changed between two versions, both inclusive, from the change data feed: inserted
   * rows, both images of updated rows and deleted rows, so that a consumer recomputing slices (say
   * months) sees the slice a row left as well as the one it entered. Only tables created with the
   * change feed enabled support this.
   */
  Dataset<Row> changesBetween(TableSpec table, long fromVersion, long toVersion);

  /**
   * The values of the table's (single) partition column in the files that the commits after {@code
   * afterVersion} up to {@code upToVersion} added or removed: the partitions those commits changed.
   * Empty when the table is not partitioned by one column or the log no longer holds those commits
   * (the caller must then assume every partition changed).
   */
  java.util.Optional<java.util.Set<String>> partitionsChanged(
      TableSpec table, long afterVersion, long upToVersion);

  /**
   * The table's identity, which changes whenever the table is created again (dropped and rebuilt),
   * so that a version number is only compared with versions of the same table.
   */
  String tableId(TableSpec table);

  /**
   * The slices that the commits after {@code afterVersion} up to {@code upToVersion} replaced, in
   * commit order, each as the {@code column IN (values)} conditions of a {@link
   * #replaceWhere(TableSpec, Dataset, Map)} (a commit that changed no rows, such as a compaction,
   * gives none); a commit that recorded no slice but wrote only in some partitions (an append, a
   * merge, a delete on a partitioned table) gives the partitions it added or removed files in.
   * Empty when any of those commits did anything else (overwrote an unpartitioned table, changed
   * the schema) or the log no longer holds it: a consumer that mirrors the table must then copy it
   * whole. Rows outside every slice are the same at both versions.
   */
  java.util.Optional<List<Map<String, List<String>>>> slicesReplaced(
      TableSpec table, long afterVersion, long upToVersion);

  /**
   * The rows the latest commit of the table wrote, from the metrics the commit records (no Spark
   * job), when that commit replaced exactly the {@code column IN (values)} slice given; empty
   * otherwise (another writer committed since, or the log holds no metrics): the caller then
   * counts.
   */
  OptionalLong rowsWrittenReplacing(TableSpec table, Map<String, List<String>> slice);

  /**
   * Creates the table (empty, with its schema, partitioning and properties) if it does not exist.
   */
  void createIfMissing(TableSpec table);

  /** Replaces the whole table. */
  void overwrite(TableSpec table, Dataset<Row> rows);

  /**
   * Replaces the rows where {@code column} holds one of {@code values} with {@code rows},
   * atomically; every row of {@code rows} must match that condition. This is how partitions and
   * batches are rewritten idempotently.
   */
  void replaceWhere(TableSpec table, Dataset<Row> rows, String column, List<String> values);

  /**
   * Replaces, in one commit, the rows matching every {@code column IN (values)} condition (ANDed)
   * with {@code rows}, which must all match them too. Nothing happens when a value list is empty.
   */
  void replaceWhere(TableSpec table, Dataset<Row> rows, Map<String, List<String>> conditions);

  /** Appends rows. */
  void append(TableSpec table, Dataset<Row> rows);

  /**
   * Upserts rows by the table's key columns: a new key is inserted; an existing one is updated only
   * where {@code updateCondition} holds (a SQL condition over {@code t.} target and {@code s.}
   * source columns, for example {@code s.source_updated_at > t.source_updated_at}). {@code
   * pruneColumn} with {@code pruneValues} restricts the target rows considered, so that only the
   * touched partitions are scanned.
   */
  void upsert(
      TableSpec table,
      Dataset<Row> rows,
      String updateCondition,
      String pruneColumn,
      List<String> pruneValues);

  /**
   * Compacts the table's small files into larger ones (a commit that changes no data, so readers
   * and the change feed see no change).
   *
   * @return files before and after
   */
  Maintenance compact(TableSpec table);

  /** The partition columns the stored table has (empty when it does not exist). */
  List<String> storedPartitioning(TableSpec table);

  /**
   * Sets an existing table's file-statistics columns to the catalog's ({@link
   * TableSpec#statsColumns()}) when they differ: a commit that changes no data. Files written
   * before keep the statistics they have.
   *
   * @return whether the table's setting was changed
   */
  boolean alignStatistics(TableSpec table);

  /**
   * Rewrites an existing table whose partitioning differs from the catalog's in the catalog's, in
   * one commit (same rows; older versions stay readable until vacuumed).
   *
   * @return whether the table was rewritten
   */
  boolean repartition(TableSpec table);

  /**
   * Deletes the files that no table version younger than {@code retention} references. Versions
   * older than that can no longer be read by time travel afterwards.
   *
   * @return the number of files deleted
   */
  long vacuum(TableSpec table, java.time.Duration retention);

  /**
   * A directory for one job's intermediate files ({@code name} is the job's), under the warehouse
   * location but outside every table, so that executors can read what the driver wrote. Emptied
   * before it is returned: a failed run's leftovers never mix with a new run's files.
   */
  String scratch(String name);

  /** Deletes a {@link #scratch} directory and everything in it. */
  void deleteScratch(String name);

  /** What compaction did to one table. */
  record Maintenance(long filesBefore, long filesAfter) {}
}
