package vn.dti.warehouse;

import java.nio.file.Path;

/** Static factories for the warehouse module's user-facing failures. */
public final class WarehouseErrors {
  private WarehouseErrors() {}

  public static WarehouseException badConfigValue(
      String key, String value, String expected, String origin) {
    return new WarehouseException(
        String.format(
            "Configuration key '%s' has the value '%s' (from %s), but %s is expected; fix it there or override it"
                + " with --conf %s=... or the environment variable %s",
            key, value, origin, expected, key, vn.dti.warehouse.config.ConfigLoader.envName(key)));
  }

  public static WarehouseException unreadableConfig(Path file, Throwable cause) {
    return new WarehouseException(
        "Cannot read configuration file "
            + file
            + ": "
            + cause.getMessage()
            + "; check that it exists and is readable",
        cause);
  }

  public static WarehouseException schemaMismatch(String table, String detail) {
    return new WarehouseException(
        "Refusing to write table "
            + table
            + ": the computed rows do not match the catalog's schema ("
            + detail
            + "); this is a defect in the job that produced them, please report it with the run id");
  }

  public static WarehouseException storageFailure(String action, String table, Throwable cause) {
    return new WarehouseException(
        "Could not "
            + action
            + " table "
            + table
            + ": "
            + rootMessage(cause)
            + "; check that the warehouse folder is writable and not used by another run",
        cause);
  }

  /** A background append to the run ledger failed; {@code waiting} records are not in it yet. */
  public static WarehouseException ledgerWrite(int waiting, Throwable cause) {
    return new WarehouseException(
        "Could not record "
            + waiting
            + " step(s) in the run ledger ops.job_run: "
            + rootMessage(cause)
            + "; the steps' own tables are written, and a step missing from the ledger runs again"
            + " next time. Check that the warehouse folder is writable",
        cause);
  }

  public static WarehouseException publicationFailure(Path duckDbFile, Throwable cause) {
    return new WarehouseException(
        "Could not publish the gold tables to "
            + duckDbFile
            + ": "
            + rootMessage(cause)
            + "; close any DuckDB client that holds the file open and run 'dti publish' again",
        cause);
  }

  public static WarehouseException missingTable(String table, String producedBy) {
    return new WarehouseException(
        "Table " + table + " does not exist yet; run '" + producedBy + "' first");
  }

  /** The innermost message of a chain of causes, which usually names the real problem. */
  public static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null ? c.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
