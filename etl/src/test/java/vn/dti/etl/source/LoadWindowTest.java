package vn.dti.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadWindowTest {
  private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);
  private static final LocalDate MAY_3 = LocalDate.of(2024, 5, 3);

  @Test
  void aRangeIncludesBothEndsAndUndatedFiles() {
    LoadWindow w = LoadWindow.between(MAY_1, MAY_3);
    assertThat(w.includes(Optional.of(LocalDate.of(2024, 4, 30)))).isFalse();
    assertThat(w.includes(Optional.of(MAY_1))).isTrue();
    assertThat(w.includes(Optional.of(MAY_3))).isTrue();
    assertThat(w.includes(Optional.of(LocalDate.of(2024, 5, 4)))).isFalse();
    assertThat(w.includes(Optional.empty())).isTrue();
    assertThat(w.describe()).isEqualTo("2024-05-01 to 2024-05-03");
  }

  @Test
  void oneDayEndsAtTheNextMidnightForWatermarkedSources() {
    LoadWindow w = LoadWindow.day(MAY_3);
    assertThat(w.endExclusive()).contains(LocalDateTime.of(2024, 5, 4, 0, 0));
    assertThat(w.describe()).isEqualTo("2024-05-03");
    assertThat(LoadWindow.all().endExclusive()).isEmpty();
    assertThat(LoadWindow.all().includes(Optional.of(MAY_1))).isTrue();
    assertThat(LoadWindow.all().describe()).isEqualTo("all days");
    assertThat(new LoadWindow(Optional.empty(), Optional.of(MAY_3)).describe())
        .isEqualTo("up to 2024-05-03");
    assertThat(new LoadWindow(Optional.of(MAY_1), Optional.empty()).describe())
        .isEqualTo("from 2024-05-01");
  }

  @Test
  void aWindowEndingBeforeItStartsIsRefused() {
    assertThatThrownBy(() -> LoadWindow.between(MAY_3, MAY_1))
        .hasMessageContaining("starts on 2024-05-03, after its end 2024-05-01");
  }

  @Test
  void aFolderViewListsOnlyTheDatedFilesOfItsWindow(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("portal"));
    Files.createDirectories(dir.resolve("payments"));
    for (String day : new String[] {"2024-04-30", "2024-05-01", "2024-05-02", "2024-05-04"}) {
      Files.writeString(dir.resolve("portal/dossiers-" + day + ".jsonl"), "{}\n");
      Files.writeString(dir.resolve("payments/paygov-" + day + ".csv"), "a\n");
    }
    SourceFolder view = new SourceFolder(dir, LoadWindow.between(MAY_1, MAY_3));
    assertThat(view.portalDossierFiles())
        .extracting(SourceFile::name)
        .containsExactly("dossiers-2024-05-01.jsonl", "dossiers-2024-05-02.jsonl");
    assertThat(view.paymentFiles())
        .extracting(SourceFile::name)
        .containsExactly("paygov-2024-05-01.csv", "paygov-2024-05-02.csv");
    assertThat(new SourceFolder(dir).portalDossierFiles()).hasSize(4);
  }
}
