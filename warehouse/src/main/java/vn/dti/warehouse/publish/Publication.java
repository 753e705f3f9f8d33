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

  /** One table of the snapshot: its name, the Delta version it was read at and its row count. */
  public record PublishedTable(String name, long deltaVersion, long rows) {}

  /** Total rows published. */
  public long rows() {
    return tables.stream().mapToLong(PublishedTable::rows).sum();
  }
}
