package vn.dti.etl;

import java.nio.file.Path;
import vn.dti.warehouse.WarehouseException;

/** Static factories for the ETL's user-facing failures. */
public final class EtlErrors {
  private EtlErrors() {}

  public static WarehouseException missingSourceFolder(Path dir) {
    return new WarehouseException(
        "Source folder "
            + dir
            + " does not exist or is not a folder; pass --source-dir with a folder written by"
            + " 'dti generate' (portal/, reference/), or omit it to load the committed sample");
  }

  public static WarehouseException unreadableSourceFile(Path file, Exception cause) {
    return new WarehouseException(
        "Cannot read source file "
            + file
            + ": "
            + cause.getMessage()
            + "; check its permissions, or move it out of the source folder to load the others",
        cause);
  }

  public static WarehouseException missingPseudonymKey(String envVar, String fileEnvVar) {
    return new WarehouseException(
        "No pseudonymisation key: set "
            + envVar
            + " (at least 32 characters) or "
            + fileEnvVar
            + " (a file holding the key). Personal data cannot be loaded into silver without it;"
            + " only the embedded demo on the committed sample runs with its built-in demo key");
  }

  public static WarehouseException weakPseudonymKey(String origin) {
    return new WarehouseException(
        "The pseudonymisation key from "
            + origin
            + " is shorter than 32 characters; generate a longer random key"
            + " (for example: head -c 48 /dev/urandom | base64) and keep it outside the repository");
  }
}
