package vn.dti.warehouse.catalog;

import java.util.Locale;

/** The warehouse layers; each is a folder under the warehouse root and a schema in DuckDB. */
public enum Layer {
  /** Raw records as received, with lineage columns. */
  BRONZE,
  /** Typed, deduplicated, conformed, pseudonymised records of one source entity. */
  SILVER,
  /** Facts, dimensions, indicator values, scores and rankings. */
  GOLD,
  /** Every rejected record with its reason code and raw text. */
  QUARANTINE,
  /** Batches, runs, watermarks and quality results. */
  OPS;

  /** The layer's name as used in table names and folders: {@code silver}. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }
}
