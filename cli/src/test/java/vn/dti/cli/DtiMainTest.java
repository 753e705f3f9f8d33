package vn.dti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
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

  /** What the user reads when a command fails the way a stopped Spark session makes it fail. */
  private static Result reportSparkStopped(boolean interrupted) {
    java.io.StringWriter w = new java.io.StringWriter();
    int code =
        DtiMain.report(
            new IllegalStateException("No active or default Spark session found"),
            new java.io.PrintWriter(w),
            false,
            interrupted);
    return new Result(code, "", w.toString());
  }

  @Test
  void aCommandStoppedByCtrlCSaysSoRatherThanReportingADefect() {
    Result r = reportSparkStopped(true);
    assertThat(r.code()).isEqualTo(130);
    assertThat(r.err())
        .startsWith("error: interrupted before the command finished")
        .doesNotContain("defect")
        .doesNotContain("Spark session")
        .doesNotContain("--verbose");
  }

  @Test
  void anUnexpectedFailureIsReportedAsADefectWithoutItsStackTrace() {
    Result r = reportSparkStopped(false);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("error: unexpected failure: No active or default Spark session found")
        .contains("This is a defect")
        .contains("(--verbose shows the stack trace)")
        .doesNotContain("\tat ");
  }

  @Test
  void confGivenBeforeAndAfterTheSubCommandAreAllKept() {
    DtiCommand root = new DtiCommand();
    new picocli.CommandLine(root)
        .parseArgs(
            "--conf",
            "data.dir=/srv/dti",
            "--conf",
            "spark.master=local[1]",
            "nightly",
            "--conf",
            "spark.eventLog.enabled=true",
            "--conf",
            "spark.master=local[2]");
    assertThat(root.conf)
        .containsExactly(
            java.util.Map.entry("data.dir", "/srv/dti"),
            java.util.Map.entry("spark.master", "local[2]"),
            java.util.Map.entry("spark.eventLog.enabled", "true"));
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

  /** The same query from a file, from standard input and on the command line, in each format. */
  @Test
  void aQueryComesFromAFileOrStandardInputInTheFormatAsked() throws Exception {
    Path db = dir.resolve("formats.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("create schema gold");
      s.execute(
          "create table gold.ranking (period varchar, rank integer, unit_name varchar,"
              + " score decimal(9,2))");
      s.execute(
          "insert into gold.ranking values ('2024-06', 1, 'Tỉnh Bình Phước', 87.25),"
              + " ('2024-06', 2, 'Sở \"A\", B', null)");
    }
    Path sql = dir.resolve("q.sql");
    Files.writeString(
        sql,
        "select rank, unit_name, score\nfrom gold.ranking\norder by rank;\n",
        StandardCharsets.UTF_8);
    Result csv = run("query", "--db", db.toString(), "-f", sql.toString(), "--format", "csv");
    assertThat(csv.code()).isZero();
    assertThat(csv.out())
        .isEqualTo("rank,unit_name,score\n1,Tỉnh Bình Phước,87.25\n2,\"Sở \"\"A\"\", B\",\n");
    Result tsv =
        run("query", "--db", db.toString(), "select rank, score from gold.ranking order by 1");
    assertThat(tsv.out()).isEqualTo("rank\tscore\n1\t87.25\n2\t\n");
    java.io.InputStream in = System.in;
    Result json;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              "select rank, score from gold.ranking order by rank"
                  .getBytes(StandardCharsets.UTF_8)));
      json = run("query", "--db", db.toString(), "-f", "-", "--format", "json");
    } finally {
      System.setIn(in);
    }
    assertThat(json.code()).isZero();
    assertThat(json.out().replaceAll("\\s", ""))
        .isEqualTo("[{\"rank\":1,\"score\":87.25},{\"rank\":2,\"score\":null}]");
    Result table =
        run(
            "query",
            "--db",
            db.toString(),
            "--format",
            "table",
            "select rank, unit_name from gold.ranking order by 1");
    assertThat(table.out().lines().toList())
        .containsExactly(
            "rank | unit_name",
            "---- | ---------------",
            "1    | Tỉnh Bình Phước",
            "2    | Sở \"A\", B",
            "(2 rows)");
    Result bad = run("query", "--db", db.toString(), "--format", "xml", "select 1");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--format xml is not one of tsv, table, csv, json");
    Result none = run("query", "--db", db.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err())
        .contains("no query: give it as an argument, or -f FILE, or -f - for stdin");
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

  /** Nine main-index values per province, as a committee table would give them. */
  private Path dtiInputs(boolean asPoints) throws java.io.IOException {
    String[] nodes = {"NTS", "TCS", "HTS", "NLS", "ATTT", "DTTM", "HDCQS", "HDKTS", "HDXHS"};
    String[] max = {"100", "100", "100", "100", "100", "0", "200", "150", "150"};
    String[][] provinces = {
      {"70", "Tỉnh Bình Phước", "0.8", "0.7", "0.9", "0.6", "0.5", "0.4", "0.75", "0.6", "0.5"},
      {"24", "Tỉnh Bắc Giang", "0.7", "0.8", "0.9", "0.5", "0.6", "0.9", "0.7", "0.7", "0.5333"},
      {"60", "Tỉnh Bình Thuận", "0.9", "0.9", "0.9", "0.9", "0.9", "0", "0.5", "0.5", "0.2667"},
      {
        "01",
        "Thành phố Hà Nội, thủ đô",
        "0.5",
        "0.5",
        "0.5",
        "0.5",
        "0.5",
        "0.5",
        "0.5",
        "0.5",
        "0.5"
      }
    };
    StringBuilder csv = new StringBuilder("unit_code,unit_name,node_code,value\n");
    for (String[] p : provinces) {
      for (int i = 0; i < nodes.length; i++) {
        if (asPoints && max[i].equals("0")) {
          continue; // assessed, not scored: has no points to give
        }
        java.math.BigDecimal v = new java.math.BigDecimal(p[2 + i]);
        String value =
            asPoints ? v.multiply(new java.math.BigDecimal(max[i])).toPlainString() : p[2 + i];
        csv.append(p[0])
            .append(",\"")
            .append(p[1])
            .append("\",")
            .append(nodes[i])
            .append(',')
            .append(value)
            .append('\n');
      }
    }
    Path f = dir.resolve(asPoints ? "points.csv" : "values.csv");
    java.nio.file.Files.writeString(f, csv.toString());
    return f;
  }

  private static java.util.Map<String, String> scores(Path out) throws java.io.IOException {
    java.util.Map<String, String> m = new java.util.TreeMap<>();
    java.util.List<String> lines = java.nio.file.Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("unit_code,unit_name,node_code,value,points,rank");
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
      m.put(f[0] + " " + f[2], f[3] + " " + f[4] + " #" + f[5]);
    }
    return m;
  }

  /**
   * The six group scores the national portal published for Phú Thọ and four of its departments, as
   * captured from dichvucong.gov.vn's reporting API on 26/09/2026 (the fixtures {@code
   * tests/fixtures/<group>/year-all.json} and {@code month-all.json} of the public repository
   * ChippedTopaz/qd766: transparency, dvc-progress-tree, provide-online-tree,
   * formality-online-payment-tree, dossier-digitized, handling-satisfaction; the province's {@code
   * totalScore} and each department's). Group → node: transparency CKMB (18), progress TDGQ (20),
   * online services CLGQ (12), online payment TTTT (10), digitisation MDSH (22), satisfaction MDHL
   * (18).
   */
  private static final String[][] PHU_THO_2026 = {
    // unit, name, CKMB, TDGQ, CLGQ, TTTT, MDSH, MDHL
    {"H44", "UBND tỉnh Phú Thọ", "7.96", "17.68", "8.56", "6.67", "9.59", "11.43"},
    {"H44.01", "Văn phòng UBND Tỉnh", "7.96", "19.38", "6", "0", "4.43", "18"},
    {"H44.03", "Ban quản lý các khu công nghiệp", "7.96", "18.36", "7.33", "7.67", "9.42", "18"},
    {"H44.07", "Sở Công Thương", "7.96", "14.56", "6.85", "8", "9.59", "16.85"},
    {"H44.08", "Sở Giáo dục và Đào tạo", "7.96", "13.54", "6.71", "0", "11.7", "4.49"}
  };

  /** The same, for August 2026 ({@code month-all.json}). */
  private static final String[][] PHU_THO_2026_08 = {
    {"H44", "UBND tỉnh Phú Thọ", "7.96", "15.68", "8.83", "6.25", "8.22", "12.97"},
    {"H44.01", "Văn phòng UBND Tỉnh", "1.96", "0", "0", "0", "2", "12"},
    {
      "H44.03", "Ban quản lý các khu công nghiệp", "7.96", "16.53", "7.09", "7.67", "10.53", "17.51"
    },
    {"H44.07", "Sở Công Thương", "7.96", "13.78", "6.45", "8", "10.47", "16.59"},
    {"H44.08", "Sở Giáo dục và Đào tạo", "7.96", "12.7", "6.57", "0", "12.92", "16.19"}
  };

  private Path groupScores(String name, String[][] rows) throws IOException {
    StringBuilder csv = new StringBuilder("unit_code,unit_name,node_code,value\n");
    String[] groups = {"CKMB", "TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL"};
    for (String[] r : rows) {
      for (int g = 0; g < groups.length; g++) {
        csv.append(String.join(",", r[0], "\"" + r[1] + "\"", groups[g], r[2 + g])).append('\n');
      }
    }
    Path f = dir.resolve(name);
    Files.writeString(f, csv.toString());
    return f;
  }

  /**
   * {@code dti score} reproduces the 766 tables the portal published for a year and for a month
   * from their six group scores: each total is the groups' sum out of 100 (added by hand below),
   * and the departments rank among themselves as the portal ranks them (the province scored alone).
   * Year 2026 (to date): Phú Thọ 7.96 + 17.68 + 8.56 + 6.67 + 9.59 + 11.43 = 61.89; Ban quản lý các
   * KCN 68.74, Sở Công Thương 63.81, Văn phòng UBND 55.77, Sở GD&ĐT 44.40. August 2026: Phú Thọ
   * 59.91; Ban quản lý 67.29, Sở Công Thương 63.25, Sở GD&ĐT 56.34, Văn phòng UBND 15.96.
   */
  @Test
  void scoreReproducesThePublished766TablesOfAYearAndAMonthFromTheirGroupScores()
      throws IOException {
    for (Object[] c :
        new Object[][] {
          {
            "2026",
            PHU_THO_2026,
            "61.89",
            new String[] {"55.77 #3", "68.74 #1", "63.81 #2", "44.40 #4"}
          },
          {
            "2026-08",
            PHU_THO_2026_08,
            "59.91",
            new String[] {"15.96 #4", "67.29 #1", "63.25 #2", "56.34 #3"}
          }
        }) {
      String period = (String) c[0];
      String[][] rows = (String[][]) c[1];
      // In the rows' order: Văn phòng UBND, Ban quản lý các KCN, Sở Công Thương, Sở GD&ĐT.
      String[] expected = (String[]) c[3];
      Path province = groupScores("phu-tho-" + period + ".csv", new String[][] {rows[0]});
      Path departments =
          groupScores(
              "phu-tho-departments-" + period + ".csv",
              java.util.Arrays.copyOfRange(rows, 1, rows.length));
      for (Path in : List.of(province, departments)) {
        Path out = dir.resolve("out-" + in.getFileName());
        Result r =
            run(
                "score",
                "--methodology",
                "qd766",
                "--period",
                period,
                "--points",
                "--inputs",
                in.toString(),
                "--output",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        java.util.Map<String, String> s = scores(out);
        if (in == province) {
          assertThat(s.get("H44 TOTAL")).as(period).endsWith(" " + c[2] + "00 #1");
          // Each group keeps the published points.
          assertThat(s.get("H44 TDGQ"))
              .startsWith(
                  java.math.BigDecimal.valueOf(Double.parseDouble(rows[0][3]) / 20)
                          .setScale(4, java.math.RoundingMode.HALF_UP)
                      + " ");
        } else {
          for (int u = 0; u < expected.length; u++) {
            String[] e = expected[u].split(" ");
            assertThat(s.get(rows[u + 1][0] + " TOTAL"))
                .as(period + " " + rows[u + 1][1])
                .endsWith(" " + e[0] + "00 " + e[1]);
          }
        }
      }
    }
  }

  @Test
  void scoreComputesDtiAndPillarsFromTheNineMainIndicesWithTiedRanks() throws Exception {
    Path out = dir.resolve("scores.csv");
    Result r =
        run(
            "score",
            "--methodology",
            "dti-2022-province",
            "--period",
            "2022",
            "--inputs",
            dtiInputs(false).toString(),
            "--output",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    java.util.Map<String, String> s = scores(out);
    // Worked by hand (ScorerTest shows the sums): DTI = Σ points / 1000, pillars over 700 / 650.
    assertThat(s)
        .containsEntry("24 DTI", "0.6750 674.9950 #1")
        .containsEntry("70 DTI", "0.6650 665.0000 #2")
        .containsEntry("60 DTI", "0.6650 665.0050 #2")
        .containsEntry("01 DTI", "0.5000 500.0000 #4")
        .containsEntry("70 CQS", "0.7143 500.0000 #2")
        .containsEntry("70 KTS", "0.6769 440.0000 #3")
        .containsEntry("70 XHS", "0.6538 425.0000 #3")
        .containsEntry("60 CQS", "0.7857 550.0000 #1")
        .containsEntry("60 KTS", "0.8077 525.0000 #1")
        .containsEntry("60 XHS", "0.7539 490.0050 #1")
        .containsEntry("24 XHS", "0.6615 429.9950 #2")
        .containsEntry("70 NTS", "0.8000 80.0000 #2")
        .doesNotContainKey("70 NTS.1");
    assertThat(r.out())
        .contains("dti-2022-province (")
        .contains("4 unit(s) scored")
        .containsPattern("1  24 +Tỉnh Bắc Giang +0.6750")
        .containsPattern("2  60 +Tỉnh Bình Thuận +0.6650")
        .containsPattern("2  70 +Tỉnh Bình Phước +0.6650");
    // The same table given in points gives the same scores.
    Path out2 = dir.resolve("scores-from-points.csv");
    Result p =
        run(
            "score",
            "--methodology",
            "dti-2022-province",
            "--period",
            "2022",
            "--points",
            "--inputs",
            dtiInputs(true).toString(),
            "--output",
            out2.toString());
    assertThat(p.code()).as(p.err()).isZero();
    java.util.Map<String, String> fromPoints = scores(out2);
    for (String k : java.util.List.of("24 DTI", "70 DTI", "60 DTI", "60 XHS", "70 CQS")) {
      assertThat(fromPoints.get(k)).as(k).isEqualTo(s.get(k));
    }
  }

  @Test
  void scoreRefusesBadInputsNamingTheLine() throws Exception {
    Path in = dir.resolve("bad.csv");
    java.nio.file.Files.writeString(
        in, "unit_code,unit_name,node_code,value\n70,Bình Phước,NTS,0.8\n70,Bình Phước,NTS,80\n");
    Result r =
        run(
            "score",
            "--methodology",
            "dti-2022-province",
            "--period",
            "2022",
            "--inputs",
            in.toString(),
            "--output",
            dir.resolve("o.csv").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "bad.csv, line 3: value 80 for NTS is a share of its maximum and must lie in 0..1 (points need --points)")
        .doesNotContain("\tat ");
    java.nio.file.Files.writeString(
        in, "unit_code,unit_name,node_code,value\n70,Bình Phước,CQS,0.8\n");
    r =
        run(
            "score",
            "--methodology",
            "dti-2022-province",
            "--period",
            "2022",
            "--inputs",
            in.toString(),
            "--output",
            dir.resolve("o.csv").toString());
    assertThat(r.err())
        .contains(
            "bad.csv, line 2: node CQS is not in methodology dti-2022-province (aggregates such as pillars are computed, not supplied)");
    r =
        run(
            "score",
            "--methodology",
            "dti-2099",
            "--period",
            "2022",
            "--inputs",
            in.toString(),
            "--output",
            dir.resolve("o.csv").toString());
    assertThat(r.err())
        .contains(
            "Unknown methodology 'dti-2099': the registry holds dti-2022-province,"
                + " dti-2023-province, dti-2024-province, province-units-monthly, qd766; or pass"
                + " the path of a methodology file (.yaml)");
    r =
        run(
            "score",
            "--methodology",
            "dti-2022-province",
            "--period",
            "2022-06",
            "--inputs",
            in.toString(),
            "--output",
            dir.resolve("o.csv").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--period 2022-06 is a month; dti-2022-province is scored by year");
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

  @Test
  void aServiceWithoutASourceOrWithABadScheduleIsAUsageErrorBeforeSparkStarts() {
    Result missing = run("service");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--source-dir=DIR'");
    Result time = run("service", "--source-dir", dir.toString(), "--at", "02:00,25:00");
    assertThat(time.code()).isEqualTo(2);
    assertThat(time.err()).contains("--at").contains("25:00").doesNotContain("\tat ");
    Result nights = run("service", "--source-dir", dir.toString(), "--nights", "-1");
    assertThat(nights.code()).isEqualTo(2);
    assertThat(nights.err()).contains("--nights must be 0 (no limit) or more, not -1");
    Result folder = run("service", "--source-dir", dir.resolve("absent").toString());
    assertThat(folder.code()).isEqualTo(2);
    assertThat(folder.err()).contains("--source-dir " + dir.resolve("absent") + " is not a folder");
  }

  /** Each bad choice of {@code dti report} is one line naming the value and the choices. */
  @Test
  void aReportsBadChoicesAreOneLineUsageErrorsBeforeSparkStarts() {
    Result methodology = run("report", "--methodology", "dti-2099");
    assertThat(methodology.code()).isEqualTo(2);
    assertThat(methodology.err().strip())
        .isEqualTo(
            "error: unknown methodology 'dti-2099': choose one of dti-2022-province,"
                + " dti-2023-province, dti-2024-province, province-units-monthly, qd766");
    Result period = run("report", "--period", "2024-6");
    assertThat(period.code()).isEqualTo(2);
    assertThat(period.err().strip())
        .isEqualTo(
            "error: malformed period '2024-6': give a month (2024-06), a quarter (2024-Q2) or a"
                + " year (2024)");
    Result scope = run("report", "--scope", "tinh:70");
    assertThat(scope.code()).isEqualTo(2);
    assertThat(scope.err().strip())
        .isEqualTo(
            "error: unknown scope 'tinh:70': choose national or province:<code> (e.g."
                + " province:70)");
    Result boundaries = run("report", "--boundaries", "2025");
    assertThat(boundaries.code()).isEqualTo(2);
    assertThat(boundaries.err().strip())
        .isEqualTo("error: unknown boundaries '2025': choose as_reported or restated_2025");
  }

  /**
   * A small methodology file over the dossier facts (the online share per province and quarter,
   * from February 2024 on); {@code numerator} is its metric's numerator.
   */
  static String pilot(String numerator) {
    return """
        id: pilot-online
        name_vi: Thí điểm hồ sơ trực tuyến
        name_en: Online dossiers pilot
        levels: [province]
        period: quarter
        applies: {from: 2024-02}
        publication: {figure: points, decimals: 2}
        nodes:
          - {code: T, name_vi: Tổng, name_en: Total, max_points: 100, children: [ON]}
          - {code: ON, name_vi: Trực tuyến, name_en: Online, max_points: 100, metric: online, rule: ratio}
        metrics:
          online:
            table: gold.fct_dossier_daily
            numerator: %s
            denominator: sum(received_count)
        """
        .formatted(numerator);
  }

  @Test
  void theRegistryListsTheJarsFilesAndTheOperatorsFolder() throws IOException {
    Result shipped = run("methodology", "list");
    assertThat(shipped.code()).as(shipped.err()).isZero();
    assertThat(shipped.out())
        .contains("qd766")
        .contains("month,quarter,half,year, 2022-08 on")
        .contains("jar:methodologies/qd766.yaml")
        .contains("Chỉ số đánh giá chuyển đổi số cấp tỉnh (DTI) năm 2022")
        .doesNotContain("pilot-online");
    Path folder = Files.createDirectories(dir.resolve("methodologies"));
    Files.writeString(folder.resolve("pilot.yaml"), pilot("sum(online_count)"));
    Result both = run("--conf", "methodology.dir=" + folder, "methodology", "list");
    assertThat(both.code()).as(both.err()).isZero();
    assertThat(both.out())
        .containsPattern(
            "pilot-online +quarter, 2024-02 on +province +[0-9a-f]{12} +"
                + folder.resolve("pilot.yaml"))
        .contains("Thí điểm hồ sơ trực tuyến");
    Result absent = run("--conf", "methodology.dir=" + dir.resolve("none"), "methodology", "list");
    assertThat(absent.code()).isEqualTo(1);
    assertThat(absent.err()).contains("methodology.dir").contains("an existing folder");
  }

  @Test
  void validatingAFileCompilesItsMetricsAgainstTheCatalog() throws IOException {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, pilot("sum(online_count)"));
    Result ok = run("methodology", "validate", good.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out())
        .contains(good + ": valid. pilot-online (")
        .contains("2 nodes, 1 metrics compiled against the catalog; periods quarter, 2024-02 on");
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, pilot("sum(online_cout)"));
    Result bad = run("methodology", "validate", typo.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .startsWith(
            "error: "
                + typo
                + ": metric online (line 13): numerator sum(online_cout): [UNRESOLVED_COLUMN")
        .contains("online_cout")
        .doesNotContain("\tat ");
    Path text = dir.resolve("text.yaml");
    Files.writeString(text, pilot("sum(online_count)").replace("ratio", "radio"));
    Result unparsable = run("methodology", "validate", text.toString());
    assertThat(unparsable.code()).isEqualTo(2);
    assertThat(unparsable.err())
        .startsWith("error: " + text + ", line 10: unknown rule 'radio'; the rules are ratio, ");
    Path taken = dir.resolve("taken.yaml");
    Files.writeString(taken, pilot("sum(online_count)").replace("id: pilot-online", "id: qd766"));
    Result claimed = run("methodology", "validate", taken.toString());
    assertThat(claimed.code()).isEqualTo(2);
    assertThat(claimed.err())
        .contains("id qd766 is already claimed by jar:methodologies/qd766.yaml");
  }

  @Test
  void showPrintsTheTreeWithPointsSourcesAndRules() {
    Result r = run("methodology", "show", "qd766");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("qd766 — Bộ chỉ số chỉ đạo, điều hành")
        .containsPattern("(?m)^TOTAL +100  Tổng điểm$")
        .containsPattern("(?m)^  CKMB +18  Công khai, minh bạch$")
        .containsPattern(
            "(?m)^    CKMB\\.1 +6  Tỷ lệ TTHC công bố đúng hạn  \\[input PUBLISH_ON_TIME; rule ");
    Result unknown = run("methodology", "show", "dti-2099");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown methodology 'dti-2099': choose one of ");
  }
}
