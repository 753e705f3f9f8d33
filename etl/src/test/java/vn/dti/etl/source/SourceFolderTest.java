package vn.dti.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.warehouse.WarehouseException;

class SourceFolderTest {
  @TempDir Path dir;

  @Test
  void filesAreIdentifiedByContentAndDatedByName() throws Exception {
    Files.createDirectories(dir.resolve("portal"));
    Files.writeString(dir.resolve("portal/dossiers-2024-05-01.jsonl"), "abc\n");
    Files.writeString(dir.resolve("portal/dossiers-resent-copy.jsonl"), "abc\n");
    Files.writeString(dir.resolve("portal/feedback-2024-05-01.jsonl"), "{}\n");
    Files.writeString(dir.resolve("portal/notes.txt"), "ignored");
    var files = new SourceFolder(dir).portalDossierFiles();
    assertThat(files)
        .extracting(SourceFile::name)
        .containsExactly("dossiers-2024-05-01.jsonl", "dossiers-resent-copy.jsonl");
    // sha256("abc\n"), as printed by `printf 'abc\n' | sha256sum`
    String digest = "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb";
    assertThat(files).extracting(SourceFile::batchId).containsOnly("portal:" + digest);
    assertThat(files.get(0).businessDate()).contains(LocalDate.of(2024, 5, 1));
    assertThat(files.get(1).businessDate()).isEmpty();
    assertThat(files.get(0).bytes()).isEqualTo(4);
  }

  @Test
  void compressedFilesAreDatedToo() {
    assertThat(SourceFolder.businessDate("dossiers-2024-05-01.jsonl.gz"))
        .contains(LocalDate.of(2024, 5, 1));
  }

  @Test
  void impossibleDateInANameIsNoDate() {
    assertThat(SourceFolder.businessDate("dossiers-2024-02-30.jsonl")).isEqualTo(Optional.empty());
  }

  @Test
  void aMissingFolderIsReportedWithWhatToDo() {
    assertThatThrownBy(() -> new SourceFolder(dir.resolve("nope")))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("--source-dir");
  }

  @Test
  void aFolderWithoutPortalFilesHasNone() {
    assertThat(new SourceFolder(dir).portalDossierFiles()).isEmpty();
  }
}
