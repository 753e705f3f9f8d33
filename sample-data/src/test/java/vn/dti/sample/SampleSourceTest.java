package vn.dti.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.sample.gen.SourceGenerator;

class SampleSourceTest {
  @TempDir Path dir;

  @Test
  void theCommittedSampleIsExactlyWhatTheGeneratorWritesForItsSpec() throws IOException {
    SourceGenerator.Summary summary = SourceGenerator.generate(SampleSource.SPEC, dir, s -> {});
    List<String> files = SampleSource.files();
    assertThat(files).containsExactlyInAnyOrderElementsOf(summary.files());
    assertThat(files)
        .contains(
            "manifest.csv",
            "reference/agencies.csv",
            "portal/dossiers-2023-01-02.jsonl.gz",
            "portal/dossiers-2024-12-31.jsonl.gz",
            "dms/csv/van_ban_di.csv",
            "assessment/2024/70.xlsx");
    for (String f : files) {
      try (InputStream committed = getClass().getClassLoader().getResourceAsStream("sample/" + f)) {
        assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(committed.readAllBytes());
      }
    }
  }

  @Test
  void extractingTheSampleWritesEveryIndexedFile() {
    Path out = SampleSource.extractTo(dir.resolve("x"));
    for (String f : SampleSource.files()) {
      assertThat(out.resolve(f)).isRegularFile();
    }
  }
}
