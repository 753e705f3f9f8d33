package vn.dti.etl.source;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivered file, identified by its content: the same bytes under another name are the same
 * batch.
 *
 * @param source the source system, e.g. {@code portal}
 * @param path where the file is
 * @param sha256 hex SHA-256 of the bytes
 * @param bytes the size
 * @param businessDate the business day named in the file name, when it has one
 * @param name how the file is named in bronze and the batch registry: its name, or with its folder
 *     where names repeat across folders ({@code 2024/70.xlsx})
 */
public record SourceFile(
    String source,
    Path path,
    String sha256,
    long bytes,
    Optional<LocalDate> businessDate,
    String name) {
  public SourceFile {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(name, "name");
  }

  /** A file known by its own name (flat folders of dated files). */
  public SourceFile(
      String source, Path path, String sha256, long bytes, Optional<LocalDate> businessDate) {
    this(source, path, sha256, bytes, businessDate, path.getFileName().toString());
  }

  /** The batch identifier: {@code <source>:<sha256>}. */
  public String batchId() {
    return source + ":" + sha256;
  }
}
