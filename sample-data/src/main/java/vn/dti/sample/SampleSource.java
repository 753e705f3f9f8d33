package vn.dti.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The committed sample source folder, shipped inside the jar. {@link #extractTo} copies it to disk
 * so that Spark can read it like any other source folder (portal/, reference/).
 */
public final class SampleSource {
  /** Classpath folder of the sample; {@code INDEX} lists its files, one relative path a line. */
  public static final String RESOURCE_ROOT = "sample/";

  private SampleSource() {}

  /** The sample's files, relative to its root. */
  public static List<String> files() {
    try (InputStream in = open("INDEX")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the sample to {@code dir} (overwriting files of the same name) and returns {@code dir}.
   * Files are written to a temporary name first, so a reader never sees half a file.
   */
  public static Path extractTo(Path dir) {
    try {
      for (String f : files()) {
        Path target = dir.resolve(f);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = open(f)) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot extract the committed sample to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(String relative) throws IOException {
    InputStream in =
        SampleSource.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + relative);
    if (in == null) {
      throw new IOException("sample resource " + relative + " is missing from the classpath");
    }
    return in;
  }
}
