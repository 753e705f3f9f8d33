package vn.dti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtiMainTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = DtiMain.execute(args);
      return new Result(
          code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void aMissingDatabaseIsAMessageNotAStackTrace() {
    Result r = run("query", "--db", dir.resolve("none.duckdb").toString(), "select 1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error: There is no published database at")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void aQueryDuckDbRejectsIsAMessageNamingTheTablesThere() throws Exception {
    Path db = dir.resolve("small.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("create schema gold");
      s.execute("create table gold.ranking (period varchar, rank integer)");
    }
    Result r = run("query", "--db", db.toString(), "select * from quarantine.dossier");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error: The query failed: Catalog Error")
        .contains("Tables in this file: [gold.ranking]")
        .doesNotContain("defect", "\tat ");
  }

  @Test
  void generateWritesAFolderTheNightlyRunCanLoad() {
    Path out = dir.resolve("generated");
    Result r =
        run(
            "generate",
            "--out",
            out.toString(),
            "--scale",
            "0.0005",
            "--years",
            "2024",
            "--focus",
            "70",
            "--seed",
            "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Wrote " + out).contains("injected defects (manifest.csv)");
    assertThat(out.resolve("manifest.csv")).isRegularFile();
    assertThat(out.resolve("dms/schema.sql")).isRegularFile();
    assertThat(out.resolve("portal/dossiers-2024-06-03.jsonl")).isRegularFile();
    // A second run into the same folder is refused rather than mixing two datasets.
    Result again = run("generate", "--out", out.toString(), "--scale", "0.0005");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("is not empty; choose a new folder");
  }

  @Test
  void generateRefusesYearsOutsideTheSupportedRangeWithoutWritingAnything() {
    Path out = dir.resolve("never");
    Result r = run("generate", "--out", out.toString(), "--years", "2031-2032");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--years must be within 2020-2027");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Result r = run("nightly", "--no-such-option");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void helpListsTheCommands() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("nightly", "backfill", "maintain", "publish", "report", "runs", "query");
  }

  @Test
  void aBackfillEndingBeforeItStartsIsAUsageErrorBeforeSparkStarts() {
    Result r = run("backfill", "--from", "2024-06-30", "--to", "2024-06-01");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--from 2024-06-30 is after --to 2024-06-01; swap them");
  }

  @Test
  void aDateThatIsNotADayIsAUsageError() {
    Result r = run("nightly", "--date", "2024-02-30");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--date").contains("2024-02-30").doesNotContain("\tat ");
    Result missing = run("backfill", "--from", "2024-06-01");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--to=YYYY-MM-DD'");
  }
}
