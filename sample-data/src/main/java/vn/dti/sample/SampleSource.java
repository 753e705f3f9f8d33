package vn.dti.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import vn.dti.sample.gen.SourceGenerator;

/**
 * The committed sample source folder, shipped inside the jar. {@link #extractTo} copies it to disk
 * so that Spark can read it like any other source folder (portal/, reference/).
 */
public final class SampleSource {
  /** Classpath folder of the sample; {@code INDEX} lists its files, one relative path a line. */
  public static final String RESOURCE_ROOT = "sample/";

  /**
   * What the committed sample is: Bình Phước, Bắc Giang and Bình Thuận in depth (60 % of the
   * volume), the other 60 provinces thin, 2023–2024, 0.5 % dirty records. The same as {@code dti
   * generate --scale 0.005 --years 2023-2024 --seed 20240630 --focus 70,24,60 --focus-share 0.6
   * --communes-per-district 8 --gzip --dirty-rate 0.005}.
   */
  public static final SourceGenerator.Spec SPEC =
      new SourceGenerator.Spec(
          0.005, 2023, 2024, 20240630L, 0.005, List.of("70", "24", "60"), 0.6, 8, true);

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
