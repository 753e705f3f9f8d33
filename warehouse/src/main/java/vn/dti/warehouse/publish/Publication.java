package vn.dti.warehouse.publish;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of a publication.
 *
 * @param file the DuckDB file written
 * @param tables what each published table holds
 */
public record Publication(Path file, List<PublishedTable> tables) {
  public Publication {
    tables = List.copyOf(tables);
  }

  /** How a table's copy in DuckDB was brought to its Delta version. */
  public enum Refresh {
    /** Already at that version (or only compacted since): left as it was. */
    KEPT,
    /** Only the slices replaced since the last publication were deleted and loaded again. */
    SLICES,
    /**
     * Only the rows whose keys the table's change feed names since the last publication were
     * deleted and loaded again (silver: a night's merge changes a few thousand dossiers).
     */
    KEYS,
    /** Loaded whole. */
    WHOLE
  }

  /**
   * One table of the snapshot: its name, the Delta version it was read at, its row count and how it
   * was refreshed.
   */
  public record PublishedTable(String name, long deltaVersion, long rows, Refresh refresh) {}

  /** Total rows published. */
  public long rows() {
    return tables.stream().mapToLong(PublishedTable::rows).sum();
  }

  /** How many tables were refreshed in each way, for the run's message ("3 kept, 9 by slice…"). */
  public String refreshSummary() {
    long kept = count(Refresh.KEPT);
    long slices = count(Refresh.SLICES);
    long keys = count(Refresh.KEYS);
    long whole = count(Refresh.WHOLE);
    return kept
        + " unchanged, "
        + slices
        + " by replaced slices, "
        + keys
        + " by changed keys, "
        + whole
        + " whole";
  }

  private long count(Refresh r) {
    return tables.stream().filter(t -> t.refresh() == r).count();
  }
}
