package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.table.ConcurrentWrites;
import vn.dti.warehouse.table.TableStore;

/**
 * A methodology's result rows on their way to the scoring tables, without ever holding all of them
 * on the driver: rows are buffered until there are {@code flushRows} of them, then appended to a
 * Parquet file set per table in the job's scratch directory. Once every group is scored, {@link
 * #staged} reads a table's rows back as one distributed frame, which the job writes in a single
 * commit (so a failure half-way leaves the scoring tables as they were). A province's communes for
 * a year are some 10,000 unit-periods and 100,000 rows; a whole country's, tens of times that.
 */
final class ResultStaging implements AutoCloseable {
  private final TableStore tables;
  private final String name;
  private final String dir;
  private final int flushRows;
  private final List<List<Row>> buffers = new ArrayList<>();
  private final boolean[] written = new boolean[ScoreTables.TABLES.size()];
  private boolean spilled;
  private final List<Map<String, Long>> rowsByPeriod = new ArrayList<>();
  private int buffered;

  /**
   * @param name the scratch directory's name: the methodology's step
   * @param flushRows how many rows (over all tables) are buffered before they are written out
   */
  ResultStaging(TableStore tables, String name, int flushRows) {
    this.tables = tables;
    this.name = name;
    this.dir = tables.scratch(name);
    this.flushRows = flushRows;
    for (int i = 0; i < ScoreTables.TABLES.size(); i++) {
      buffers.add(new ArrayList<>());
      rowsByPeriod.add(new TreeMap<>());
    }
  }

  /** Adds one chunk's rows; writes the buffer out when it is full. */
  void add(ScoreTables chunk) {
    add(chunk, period -> true);
  }

  /** Adds the rows of one chunk whose period is kept; writes the buffer out when it is full. */
  void add(ScoreTables chunk, java.util.function.Predicate<String> keepPeriod) {
    for (int i = 0; i < ScoreTables.TABLES.size(); i++) {
      for (Row r : chunk.rowsOf(ScoreTables.TABLES.get(i))) {
        String period = r.getAs("period");
        if (keepPeriod.test(period)) {
          buffers.get(i).add(r);
          buffered++;
          rowsByPeriod.get(i).merge(period, 1L, Long::sum);
        }
      }
    }
    if (buffered >= flushRows) {
      spill();
    }
  }

  /** After the last {@link #add}: spills what is left if anything was spilled before. */
  void finish() {
    if (spilled) {
      spill();
    }
  }

  /** How many rows of the table were staged, in the periods given (every period when empty). */
  long rows(TableSpec t, Optional<List<String>> periods) {
    Map<String, Long> counts = rowsByPeriod.get(ScoreTables.TABLES.indexOf(t));
    return periods
        .map(p -> p.stream().mapToLong(x -> counts.getOrDefault(x, 0L)).sum())
        .orElseGet(() -> counts.values().stream().mapToLong(Long::longValue).sum());
  }

  /** How many periods the table's staged rows cover, of those given (every period when empty). */
  int periods(TableSpec t, Optional<List<String>> periods) {
    Map<String, Long> counts = rowsByPeriod.get(ScoreTables.TABLES.indexOf(t));
    return (int)
        counts.keySet().stream().filter(p -> periods.map(l -> l.contains(p)).orElse(true)).count();
  }

  /** The periods the table's staged rows cover. */
  java.util.Set<String> stagedPeriods(TableSpec t) {
    return java.util.Set.copyOf(rowsByPeriod.get(ScoreTables.TABLES.indexOf(t)).keySet());
  }

  /** Writes what is buffered to the scratch files, the tables at the same time. */
  private void spill() {
    spilled = true;
    List<Runnable> writes = new ArrayList<>();
    SparkSession spark = tables.spark();
    for (int i = 0; i < ScoreTables.TABLES.size(); i++) {
      List<Row> rows = buffers.get(i);
      if (rows.isEmpty()) {
        continue;
      }
      TableSpec t = ScoreTables.TABLES.get(i);
      written[i] = true;
      writes.add(
          () -> spark.createDataFrame(rows, t.schema()).write().mode("append").parquet(pathOf(t)));
    }
    ConcurrentWrites.run("the staged scores of " + name, writes);
    for (List<Row> b : buffers) {
      b.clear();
    }
    buffered = 0;
  }

  /**
   * The table's staged rows (only those of the periods given, when given), with its schema; call
   * after {@link #finish}.
   */
  Dataset<Row> staged(TableSpec t, Optional<List<String>> periods) {
    int i = ScoreTables.TABLES.indexOf(t);
    Dataset<Row> rows;
    if (spilled) {
      if (!buffers.get(i).isEmpty()) {
        throw new IllegalStateException(
            "Rows of " + t.name() + " are still buffered: finish first");
      }
      rows =
          written[i]
              ? tables.spark().read().schema(t.schema()).parquet(pathOf(t))
              : tables.spark().createDataFrame(List.of(), t.schema());
    } else {
      List<Row> kept = buffers.get(i);
      if (periods.isPresent()) {
        java.util.Set<String> keep = java.util.Set.copyOf(periods.get());
        kept = kept.stream().filter(r -> keep.contains(r.<String>getAs("period"))).toList();
      }
      return tables.spark().createDataFrame(kept, t.schema());
    }
    return periods.map(p -> rows.where(col("period").isin(p.toArray()))).orElse(rows);
  }

  /** Whether rows went to the scratch files (more than one buffer's worth). */
  boolean spilled() {
    return spilled;
  }

  private String pathOf(TableSpec t) {
    return dir + "/" + t.entity();
  }

  /** Deletes the scratch files. */
  @Override
  public void close() {
    tables.deleteScratch(name);
  }
}
