package vn.dti.sample.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives byte-identical files, workbooks and gzip members included. */
class DeterminismTest {
  private static SourceGenerator.Spec spec(long seed) {
    return new SourceGenerator.Spec(0.002, 2024, 2024, seed, 0.02, List.of("70"), 0.5, 4, true);
  }

  @Test
  void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers(
      @TempDir Path a, @TempDir Path b, @TempDir Path c) throws IOException {
    SourceGenerator.Summary first = SourceGenerator.generate(spec(11), a, s -> {});
    SourceGenerator.Summary second = SourceGenerator.generate(spec(11), b, s -> {});
    SourceGenerator.generate(spec(12), c, s -> {});
    assertThat(second.files()).isEqualTo(first.files());
    assertThat(first.files())
        .anyMatch(f -> f.endsWith(".xlsx"))
        .anyMatch(f -> f.endsWith(".jsonl.gz"))
        .contains("manifest.csv", "dms/csv/van_ban_di.csv");
    for (String f : first.files()) {
      assertThat(Files.readAllBytes(b.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
    assertThat(Files.readAllBytes(c.resolve("dms/csv/van_ban_di.csv")))
        .isNotEqualTo(Files.readAllBytes(a.resolve("dms/csv/van_ban_di.csv")));
    assertThat(Files.readAllBytes(c.resolve("manifest.csv")))
        .isNotEqualTo(Files.readAllBytes(a.resolve("manifest.csv")));
  }
}
