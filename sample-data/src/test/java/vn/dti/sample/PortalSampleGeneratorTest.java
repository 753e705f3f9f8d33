package vn.dti.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortalSampleGeneratorTest {
  @TempDir Path dir;

  @Test
  void theCommittedSampleIsExactlyWhatTheGeneratorWrites() throws IOException {
    PortalSampleGenerator.generate(dir, 20240630L);
    List<String> files = SampleSource.files();
    assertThat(files)
        .contains(
            "reference/agencies.csv",
            "portal/dossiers-2024-05-01.jsonl",
            "portal/dossiers-2024-06-28.jsonl");
    for (String f : files) {
      if (f.startsWith("reference/provinces")) {
        continue; // copied from shared/reference, not generated
      }
      try (InputStream committed = getClass().getClassLoader().getResourceAsStream("sample/" + f)) {
        assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(committed.readAllBytes());
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedDiffers(@TempDir Path other, @TempDir Path third)
      throws IOException {
    PortalSampleGenerator.generate(dir, 7);
    PortalSampleGenerator.generate(other, 7);
    PortalSampleGenerator.generate(third, 8);
    Path f = Path.of("portal/dossiers-2024-05-02.jsonl");
    assertThat(Files.readAllBytes(dir.resolve(f))).isEqualTo(Files.readAllBytes(other.resolve(f)));
    assertThat(Files.readAllBytes(dir.resolve(f)))
        .isNotEqualTo(Files.readAllBytes(third.resolve(f)));
  }

  @Test
  void extractingTheSampleWritesEveryIndexedFile() {
    Path out = SampleSource.extractTo(dir.resolve("x"));
    for (String f : SampleSource.files()) {
      assertThat(out.resolve(f)).isRegularFile();
    }
  }
}
