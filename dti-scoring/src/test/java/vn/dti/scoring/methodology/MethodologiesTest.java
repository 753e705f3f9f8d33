package vn.dti.scoring.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.warehouse.WarehouseException;

/** The registry of methodology files and the periods a file applies to. Plain Java. */
class MethodologiesTest {
  private static final Set<String> TABLES = Set.of("gold.fct_dossier_daily");

  private static String withId(String id, String applies) {
    return MethodologyParserTest.file(MethodologyParserTest.TREE, MethodologyParserTest.METRICS)
        .replace("id: test-m", "id: " + id + (applies.isEmpty() ? "" : "\n" + applies));
  }

  @Test
  void theJarsFilesAndAnOperatorsFolderMakeTheRegistry(@TempDir Path dir) throws IOException {
    Methodologies shipped = Methodologies.load(Optional.empty(), knownTables());
    assertThat(shipped.ids()).contains("qd766", "dti-2022-province", "province-units-monthly");
    assertThat(shipped.find("qd766").orElseThrow().file())
        .isEqualTo("jar:methodologies/qd766.yaml");
    Files.writeString(
        dir.resolve("pilot.yaml"),
        withId("pilot-2024", "applies: {from: 2024-07}"),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("notes.txt"), "not a methodology", StandardCharsets.UTF_8);
    Methodologies all = Methodologies.load(Optional.of(dir), knownTables());
    assertThat(all.ids()).hasSize(shipped.ids().size() + 1).contains("pilot-2024");
    Methodologies.Entry pilot = all.find("pilot-2024").orElseThrow();
    assertThat(pilot.file()).isEqualTo(dir.resolve("pilot.yaml").toString());
    assertThat(pilot.methodology().applies())
        .isEqualTo(new Applies(Optional.of(YearMonth.of(2024, 7)), Optional.empty()));
    assertThat(all.resolve("pilot-2024", knownTables())).isSameAs(pilot.methodology());
    assertThatThrownBy(() -> all.resolve("dti-2099", knownTables()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("Unknown methodology 'dti-2099': the registry holds ")
        .hasMessageContaining("pilot-2024");
  }

  @Test
  void twoFilesClaimingOneIdAreRefusedNamingBoth(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), withId("twice", ""), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("b.yml"), withId("twice", "applies: {to: 2023}"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Methodologies.load(Optional.of(dir), knownTables()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageStartingWith(
            "Methodology id twice is claimed by two files: "
                + dir.resolve("a.yaml")
                + " (applies always) and "
                + dir.resolve("b.yml")
                + " (applies until 2023-12)");
    Files.delete(dir.resolve("a.yaml"));
    Files.delete(dir.resolve("b.yml"));
    Files.writeString(dir.resolve("q.yaml"), withId("qd766", ""), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Methodologies.load(Optional.of(dir), knownTables()))
        .hasMessageContaining("jar:methodologies/qd766.yaml (applies ")
        .hasMessageContaining(dir.resolve("q.yaml") + " (applies always)");
  }

  @Test
  void anAppliesClauseIsCheckedWithItsLine() {
    assertThatThrownBy(
            () -> MethodologyParser.parse("m.yaml", withId("x", "applies: {from: 24}"), TABLES))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("m.yaml")
        .hasMessageContaining("line 2")
        .hasMessageContaining("applies from '24' is neither a year (2024) nor a month");
    assertThatThrownBy(
            () ->
                MethodologyParser.parse(
                    "m.yaml", withId("x", "applies: {from: 2025, to: 2024}"), TABLES))
        .hasMessageContaining("applies from 2025-01 is after its end 2024-12");
    assertThatThrownBy(
            () -> MethodologyParser.parse("m.yaml", withId("x", "applies: {since: 2024}"), TABLES))
        .hasMessageContaining("since");
  }

  /** Overlap: a period the months start or end inside is scored. Worked by hand. */
  @Test
  void aPeriodIsCoveredWhenItOverlapsTheMonths() {
    Applies from2022Aug = new Applies(Optional.of(YearMonth.of(2022, 8)), Optional.empty());
    assertThat(from2022Aug.covers("2022-07")).isFalse();
    assertThat(from2022Aug.covers("2022-08")).isTrue();
    assertThat(from2022Aug.covers("2022-Q2")).isFalse();
    assertThat(from2022Aug.covers("2022-Q3")).isTrue();
    assertThat(from2022Aug.covers("2022-H1")).isFalse();
    assertThat(from2022Aug.covers("2022-H2")).isTrue();
    assertThat(from2022Aug.covers("2022")).isTrue();
    assertThat(from2022Aug.covers("2021")).isFalse();
    assertThat(from2022Aug.firstPeriod("quarter")).contains("2022-Q3");
    assertThat(from2022Aug.firstPeriod("half")).contains("2022-H2");
    assertThat(from2022Aug.lastPeriod("year")).isEmpty();
    Applies only2024 =
        new Applies(
            Optional.of(Applies.bound("2024", false)), Optional.of(Applies.bound("2024", true)));
    assertThat(only2024.covers("2023")).isFalse();
    assertThat(only2024.covers("2024")).isTrue();
    assertThat(only2024.covers("2025")).isFalse();
    assertThat(only2024.covers("2024-12")).isTrue();
    assertThat(only2024.toString()).isEqualTo("2024-01 to 2024-12");
    assertThat(only2024.overlaps(from2022Aug)).isTrue();
    assertThat(
            new Applies(Optional.empty(), Optional.of(YearMonth.of(2022, 7))).overlaps(from2022Aug))
        .isFalse();
    assertThat(Applies.ALWAYS.covers("1999")).isTrue();
    assertThat(Periods.lastMonth("2024-Q3")).isEqualTo(YearMonth.of(2024, 9));
    assertThat(Periods.lastMonth("2024-H1")).isEqualTo(YearMonth.of(2024, 6));
    assertThat(Periods.firstMonth("2024-H2")).isEqualTo(YearMonth.of(2024, 7));
  }

  /** A path a shipped file names (a reference table, a document) lies inside the repository. */
  @Test
  void everyPathAShippedFileNamesIsInsideTheRepository() throws IOException {
    Path repository = Path.of("..").toAbsolutePath().normalize();
    java.util.regex.Pattern path =
        java.util.regex.Pattern.compile("[A-Za-z0-9_./-]+/[A-Za-z0-9_.-]+\\.(csv|md|yaml|json)");
    int seen = 0;
    for (Methodologies.Entry e : Methodologies.load(Optional.empty(), knownTables()).entries()) {
      java.util.regex.Matcher m = path.matcher(e.methodology().ref().definition());
      while (m.find()) {
        Path named = repository.resolve(m.group()).normalize();
        assertThat(named).as(e.file() + " names " + m.group()).startsWith(repository).exists();
        seen++;
      }
    }
    assertThat(seen).as("paths named by the shipped files").isPositive();
  }

  private static Set<String> knownTables() {
    return vn.dti.scoring.indicator.ScoringCatalog.sourceTables();
  }
}
