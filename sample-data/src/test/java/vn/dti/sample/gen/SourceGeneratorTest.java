package vn.dti.sample.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's output read back by independent parsers: formats, uniqueness rules, the
 * calibrated distributions, and the manifest against the files.
 */
class SourceGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
  private static final Pattern VN_DATE = Pattern.compile("\\d{2}/\\d{2}/\\d{4} .*");
  private static final Pattern AGENCY = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.H\\d{2}");

  /** Portal line as read: file, 1-based line, raw text, parsed tree (null if not JSON). */
  record Line(String file, int no, String text, JsonNode json) {}

  record Entry(String source, String file, int line, String key, String defect, String field) {}

  private static Path dir;
  private static final Map<String, List<Line>> portal = new TreeMap<>();
  private static final List<Entry> manifest = new ArrayList<>();
  private static final Set<String> agencies = new HashSet<>();

  @BeforeAll
  static void readEverything() throws Exception {
    dir = Generated.dir();
    for (Path f : Generated.files("portal", "dossiers-")) {
      String name = "portal/" + f.getFileName();
      List<String> text = Generated.lines(f);
      List<Line> lines = new ArrayList<>();
      for (int i = 0; i < text.size(); i++) {
        JsonNode node;
        try {
          node = JSON.readTree(text.get(i));
        } catch (Exception e) {
          node = null;
        }
        lines.add(new Line(name, i + 1, text.get(i), node));
      }
      portal.put(name, lines);
    }
    for (String[] r : Generated.csv(dir.resolve("manifest.csv"))) {
      manifest.add(new Entry(r[1], r[2], Integer.parseInt(r[3]), r[4], r[5], r[6]));
    }
    for (String[] r : Generated.csv(dir.resolve("reference/agencies.csv"))) {
      agencies.add(r[0]);
    }
  }

  @Test
  void allFourSourcesAndTheManifestAreWritten() {
    assertThat(Generated.files("portal", "dossiers-")).hasSizeGreaterThan(700);
    assertThat(Generated.files("portal", "feedback-")).isNotEmpty();
    assertThat(Generated.files("payments", "paygov-")).isNotEmpty();
    assertThat(Generated.files("payments", "local-")).isNotEmpty();
    assertThat(dir.resolve("dms/schema.sql")).isRegularFile();
    assertThat(dir.resolve("dms/load.sql")).isRegularFile();
    for (String t : List.of("co_quan", "van_ban_di", "van_ban_den")) {
      assertThat(dir.resolve("dms/csv/" + t + ".csv")).isRegularFile();
    }
    assertThat(Generated.files("assessment/2023", "")).hasSize(63);
    assertThat(Generated.files("assessment/2024", "")).hasSize(63);
    assertThat(manifest).isNotEmpty();
    for (String f : Generated.lines(dir.resolve("INDEX"))) {
      assertThat(dir.resolve(f)).as(f).isRegularFile();
    }
  }

  @Test
  void portalLinesParseExceptExactlyTheManifestsMalformedOnes() {
    Set<String> unparsable =
        lines().filter(l -> l.json() == null).map(l -> l.file() + ":" + l.no()).collect(set());
    Set<String> declared =
        manifest.stream()
            .filter(e -> e.defect().equals("MALFORMED_LINE"))
            .map(e -> e.file() + ":" + e.line())
            .collect(set());
    assertThat(declared).isNotEmpty();
    assertThat(unparsable).isEqualTo(declared);
  }

  @Test
  void unknownUnitCodesAreExactlyTheDeclaredOnes() {
    Set<String> unknown =
        lines()
            .filter(l -> l.json() != null && l.json().has("DonViXuLy"))
            .filter(l -> !agencies.contains(normalisedCode(l.json().get("DonViXuLy").asText())))
            .map(l -> l.file() + ":" + l.no())
            .collect(set());
    Set<String> declared =
        manifest.stream()
            .filter(e -> e.source().equals("portal") && e.defect().equals("UNKNOWN_UNIT"))
            .map(e -> e.file() + ":" + e.line())
            .collect(set());
    assertThat(declared).isNotEmpty();
    assertThat(unknown).isEqualTo(declared);
  }

  @Test
  void everyManifestEntryIsReallyInTheOutput() {
    Map<String, List<String[]>> paymentFiles = new HashMap<>();
    Map<String, List<String[]>> dmsFiles = new HashMap<>();
    Map<String, Integer> byType = new TreeMap<>();
    for (Entry e : manifest) {
      byType.merge(e.source() + ":" + e.defect(), 1, Integer::sum);
      switch (e.source()) {
        case "portal" -> assertPortalDefect(e);
        case "payments" ->
            assertPaymentDefect(
                e, paymentFiles.computeIfAbsent(e.file(), f -> Generated.payments(dir.resolve(f))));
        case "dms" ->
            assertDocumentDefect(
                e, dmsFiles.computeIfAbsent(e.file(), f -> Generated.csv(dir.resolve(f))));
        case "assessment" -> assertWrongLayout(e);
        default -> throw new AssertionError("unknown source in manifest: " + e);
      }
    }
    // At a 2 % rate every kind of defect each source can carry shows up.
    assertThat(byType.keySet())
        .contains(
            "portal:MALFORMED_LINE",
            "portal:MISSING_KEY",
            "portal:IMPOSSIBLE_DATE",
            "portal:FUTURE_DATE",
            "portal:VN_DATE_FORMAT",
            "portal:UNKNOWN_UNIT",
            "portal:EXACT_DUPLICATE",
            "portal:CONFLICTING_DUPLICATE",
            "portal:OUT_OF_ORDER",
            "portal:NFD_TEXT",
            "portal:CODE_WHITESPACE_CASE",
            "payments:DOTTED_AMOUNT",
            "payments:NON_POSITIVE_AMOUNT",
            "payments:MISSING_KEY",
            "payments:IMPOSSIBLE_DATE",
            "payments:VN_DATE_FORMAT",
            "payments:EXACT_DUPLICATE",
            "payments:UNKNOWN_UNIT",
            "dms:NFD_TEXT",
            "dms:CODE_WHITESPACE_CASE",
            "dms:FUTURE_DATE",
            "assessment:WRONG_LAYOUT");
    // The rate is honoured: about 2 % of portal records carry a defect.
    long portalDefects = manifest.stream().filter(e -> e.source().equals("portal")).count();
    assertThat((double) portalDefects / Generated.summary().portalLines()).isBetween(0.015, 0.025);
  }

  private static void assertPortalDefect(Entry e) {
    Line l = portal.get(e.file()).get(e.line() - 1);
    Line before = e.line() > 1 ? portal.get(e.file()).get(e.line() - 2) : null;
    JsonNode j = l.json();
    String what = e + " -> " + l.text();
    switch (e.defect()) {
      case "MALFORMED_LINE" -> assertThat(j).as(what).isNull();
      case "MISSING_KEY" -> assertThat(j.has("MaHoSo")).as(what).isFalse();
      case "IMPOSSIBLE_DATE" ->
          assertThat(j.get("NgayNopHoSo").asText()).as(what).matches("\\d{4}-02-30T.*");
      case "FUTURE_DATE" ->
          assertThat(Integer.parseInt(j.get("NgayNopHoSo").asText().substring(0, 4)))
              .as(what)
              .isGreaterThan(fileDate(e.file()).getYear());
      case "VN_DATE_FORMAT" -> {
        assertThat(j.get("NgayNopHoSo").asText()).as(what).matches(VN_DATE);
        assertThat(j.get("NgayTiepNhan").asText()).as(what).matches(VN_DATE);
      }
      case "UNKNOWN_UNIT" ->
          assertThat(agencies).as(what).doesNotContain(j.get("DonViXuLy").asText());
      case "NFD_TEXT" -> {
        String name = j.get("ChuHoSo").asText();
        assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).as(what).isFalse();
      }
      case "CODE_WHITESPACE_CASE" -> {
        String code = j.get("DonViXuLy").asText();
        assertThat(code).as(what).isNotEqualTo(normalisedCode(code));
        assertThat(agencies).as(what).contains(normalisedCode(code));
      }
      case "EXACT_DUPLICATE" -> assertThat(l.text()).as(what).isEqualTo(before.text());
      case "CONFLICTING_DUPLICATE" -> {
        assertThat(j.get("MaHoSo")).as(what).isEqualTo(before.json().get("MaHoSo"));
        assertThat(j.get("NgayCapNhat")).as(what).isEqualTo(before.json().get("NgayCapNhat"));
        assertThat(j.get("TrangThaiHoSo"))
            .as(what)
            .isNotEqualTo(before.json().get("TrangThaiHoSo"));
      }
      case "OUT_OF_ORDER" -> {
        assertThat(j.get("MaHoSo")).as(what).isEqualTo(before.json().get("MaHoSo"));
        assertThat(j.get("NgayCapNhat").asText())
            .as(what)
            .isLessThan(before.json().get("NgayCapNhat").asText());
      }
      default -> throw new AssertionError("unexpected portal defect " + what);
    }
    if (!e.defect().equals("MALFORMED_LINE") && !e.defect().equals("MISSING_KEY")) {
      assertThat(j.get("MaHoSo").asText()).as(what).isEqualTo(e.key());
    }
  }

  private static void assertPaymentDefect(Entry e, List<String[]> rows) {
    String[] r = rows.get(e.line() - 1);
    String what = e + " -> " + String.join(",", r);
    switch (e.defect()) {
      case "DOTTED_AMOUNT" -> assertThat(r[4]).as(what).matches("\\d{1,3}(\\.\\d{3})+");
      case "NON_POSITIVE_AMOUNT" -> assertThat(Long.parseLong(r[4])).as(what).isNotPositive();
      case "MISSING_KEY" -> assertThat(r[0]).as(what).isEmpty();
      case "IMPOSSIBLE_DATE" -> assertThat(r[10]).as(what).matches("\\d{4}-02-30T.*");
      case "VN_DATE_FORMAT" -> assertThat(r[10]).as(what).matches(VN_DATE);
      case "EXACT_DUPLICATE" -> assertThat(r).as(what).isEqualTo(rows.get(e.line() - 2));
      case "UNKNOWN_UNIT" -> assertThat(agencies).as(what).doesNotContain(r[3]);
      default -> throw new AssertionError("unexpected payment defect " + what);
    }
    assertThat(e.key()).as(what).endsWith("/" + r[7]);
  }

  private static void assertDocumentDefect(Entry e, List<String[]> rows) {
    String[] r = rows.get(e.line() - 1);
    String what = e + " -> " + String.join(",", r);
    assertThat(r[0]).as(what).isEqualTo(e.key());
    boolean outgoing = e.file().endsWith("van_ban_di.csv");
    switch (e.defect()) {
      case "NFD_TEXT" ->
          assertThat(Normalizer.isNormalized(r[outgoing ? 8 : 8], Normalizer.Form.NFC))
              .as(what)
              .isFalse();
      case "CODE_WHITESPACE_CASE" -> {
        assertThat(r[1]).as(what).isNotEqualTo(normalisedCode(r[1]));
        assertThat(agencies).as(what).contains(normalisedCode(r[1]));
      }
      case "FUTURE_DATE" ->
          assertThat(LocalDate.parse(r[outgoing ? 6 : 4]).getYear())
              .as(what)
              .isGreaterThan(Integer.parseInt(r[outgoing ? 5 : 3]));
      default -> throw new AssertionError("unexpected document defect " + what);
    }
  }

  private static void assertWrongLayout(Entry e) {
    try (XSSFWorkbook wb = new XSSFWorkbook(dir.resolve(e.file()).toFile())) {
      Sheet s = wb.getSheet("TuDanhGia");
      assertThat(s.getRow(4).getCell(3).getStringCellValue())
          .as(e.toString())
          .isNotEqualTo(SourceGenerator.ASSESSMENT_HEADERS.get(3));
    } catch (Exception x) {
      throw new AssertionError(e + ": " + x.getMessage(), x);
    }
  }

  @Test
  void dossierCodesIdentifyOneDossierAndCoverEveryGeneratedOne() {
    Map<String, String> identity = new HashMap<>();
    Set<String> codes = new HashSet<>();
    lines()
        .filter(l -> l.json() != null && l.json().has("MaHoSo"))
        .forEach(
            l -> {
              String code = l.json().get("MaHoSo").asText();
              codes.add(code);
              String who = l.json().get("MaTTHC").asText() + "|" + l.json().get("SoGiayToChuHoSo");
              assertThat(identity.putIfAbsent(code, who)).as(code).isIn(null, who);
            });
    manifest.stream().filter(e -> e.source().equals("portal")).forEach(e -> codes.add(e.key()));
    assertThat(codes).hasSize((int) Generated.summary().dossiers());
    assertThat(codes).allMatch(c -> c.matches("\\d{3}\\.\\d{2}\\.\\d{2}\\.H\\d{2}-\\d{6}-\\d{4}"));
  }

  @Test
  void documentNumbersAreUniquePerAgencyAndYear() {
    Set<String> ids = new HashSet<>();
    Set<String> outgoing = new HashSet<>();
    for (String[] r : Generated.csv(dir.resolve("dms/csv/van_ban_di.csv"))) {
      assertThat(ids.add(r[0])).as("id " + r[0]).isTrue();
      assertThat(outgoing.add(normalisedCode(r[1]) + "|" + r[5] + "|" + r[4]))
          .as("so_ky_hieu " + String.join(",", r))
          .isTrue();
      assertThat(r[4]).isEqualTo(r[2] + "/" + r[3]);
    }
    Set<String> incoming = new HashSet<>();
    for (String[] r : Generated.csv(dir.resolve("dms/csv/van_ban_den.csv"))) {
      assertThat(ids.add(r[0])).as("id " + r[0]).isTrue();
      assertThat(incoming.add(normalisedCode(r[1]) + "|" + r[3] + "|" + r[2])).isTrue();
    }
    assertThat(ids).hasSize((int) Generated.summary().documents());
  }

  @Test
  void paymentTransactionsAreUniqueExceptDeclaredDuplicatesAndPointAtRealDossiers() {
    Set<String> dossiers =
        lines()
            .filter(l -> l.json() != null && l.json().has("MaHoSo"))
            .map(l -> l.json().get("MaHoSo").asText())
            .collect(set());
    // A dossier whose only line was damaged is known from the manifest.
    manifest.stream().filter(e -> e.source().equals("portal")).forEach(e -> dossiers.add(e.key()));
    Set<String> declared =
        manifest.stream()
            .filter(e -> e.source().equals("payments") && e.defect().equals("EXACT_DUPLICATE"))
            .map(e -> e.file() + ":" + e.line())
            .collect(set());
    Set<String> transactions = new HashSet<>();
    int rows = 0;
    int duplicates = 0;
    Map<String, Integer> status = new TreeMap<>();
    for (Path f :
        concat(Generated.files("payments", "paygov-"), Generated.files("payments", "local-"))) {
      List<String[]> data = Generated.payments(f);
      for (int i = 0; i < data.size(); i++) {
        String[] r = data.get(i);
        rows++;
        // A pending transaction is reported again, under the same id, once it settles.
        if (!transactions.add(r[7] + "|" + r[9])) {
          duplicates++;
          assertThat(declared).contains("payments/" + f.getFileName() + ":" + (i + 1));
        }
        assertThat(dossiers).contains(r[1]);
        status.merge(r[9], 1, Integer::sum);
      }
    }
    assertThat(duplicates).isEqualTo(declared.size());
    assertThat(rows - duplicates).isEqualTo((int) Generated.summary().payments());
    // Success dominates; failures (then retried) and pending transactions both occur.
    assertThat(status.get("1") / (double) rows).isBetween(0.85, 0.97);
    assertThat(status).containsKeys("3", "4");
  }

  @Test
  void agencyCodesFollowTheNationalFormatAndAreEffectiveDated() {
    Set<String> keys = new HashSet<>();
    for (String[] r : Generated.csv(dir.resolve("reference/agencies.csv"))) {
      assertThat(r[0]).matches(AGENCY);
      assertThat(keys.add(r[0] + "|" + r[4])).as(r[0] + " from " + r[4]).isTrue();
    }
    for (String[] r : Generated.csv(dir.resolve("reference/procedures.csv"))) {
      assertThat(r[0]).matches("[12]\\.\\d{6}");
    }
  }

  // ------------------------------------------------------------------ distributions

  /** The last clean snapshot of every dossier. */
  private static Map<String, JsonNode> finalSnapshots() {
    Map<String, JsonNode> last = new HashMap<>();
    Set<String> defective =
        manifest.stream()
            .filter(e -> e.source().equals("portal"))
            .map(e -> e.file() + ":" + e.line())
            .collect(set());
    lines()
        .filter(l -> l.json() != null && !defective.contains(l.file() + ":" + l.no()))
        .forEach(
            l -> {
              JsonNode j = l.json();
              last.merge(
                  j.get("MaHoSo").asText(),
                  j,
                  (a, b) ->
                      a.get("NgayCapNhat").asText().compareTo(b.get("NgayCapNhat").asText()) > 0
                          ? a
                          : b);
            });
    return last;
  }

  @Test
  void ratesLieInTheirCalibratedBandsAndImproveOverTheYears() {
    // n, online, finished, on time, online with fees, paid online, with obligation, obligation paid
    Map<Integer, double[]> y = new TreeMap<>();
    Map<String, int[]> perUnit = new HashMap<>();
    for (JsonNode d : finalSnapshots().values()) {
      String submitted = d.get("NgayNopHoSo").asText();
      assertThat(submitted).matches(ISO);
      double[] c =
          y.computeIfAbsent(Integer.parseInt(submitted.substring(0, 4)), k -> new double[8]);
      c[0]++;
      boolean online = d.get("KenhThucHien").asInt() == 2;
      c[1] += online ? 1 : 0;
      if (d.has("NgayKetThucXuLy") && d.has("NgayHenTra")) {
        c[2]++;
        boolean onTime =
            d.get("NgayKetThucXuLy").asText().compareTo(d.get("NgayHenTra").asText()) <= 0;
        c[3] += onTime ? 1 : 0;
        int[] u = perUnit.computeIfAbsent(d.get("DonViXuLy").asText(), k -> new int[2]);
        u[0]++;
        u[1] += onTime ? 1 : 0;
      }
      if (online && d.has("DanhSachLePhi") && !d.get("DanhSachLePhi").isEmpty()) {
        c[4]++;
        c[5] += d.get("DuocThanhToanTrucTuyen").asInt();
        boolean obligation = false;
        for (JsonNode fee : d.get("DanhSachLePhi")) {
          obligation |= fee.get("LoaiPhiLePhi").asInt() == 3;
        }
        if (obligation) {
          c[6]++;
          c[7] += d.get("DuocThanhToanTrucTuyen").asInt();
        }
      }
    }
    assertThat(y.keySet()).containsExactly(2023, 2024);
    for (var e : y.entrySet()) {
      double[] c = e.getValue();
      String year = "year " + e.getKey();
      // SF 0.01 is 15,000 dossiers a year.
      assertThat(c[0]).as(year).isBetween(13_500.0, 16_500.0);
      assertThat(c[3] / c[2]).as(year + " on time").isBetween(0.70, 0.98);
      assertThat(c[1] / c[0]).as(year + " online").isBetween(0.40, 0.99);
      // Online payment: most land obligations, few small charges (DOMAIN.md: 80–90 % of
      // obligations in the leading provinces).
      assertThat(c[5] / c[4]).as(year + " paid online").isBetween(0.10, 0.50);
      assertThat(c[7] / c[6]).as(year + " obligations paid online").isBetween(0.40, 0.90);
    }
    assertThat(y.get(2024)[1] / y.get(2024)[0] - y.get(2023)[1] / y.get(2023)[0])
        .as("online submission rises")
        .isGreaterThan(0.03);
    // Units differ: among units with enough finished dossiers, on-time rates spread widely.
    List<Double> rates =
        perUnit.values().stream().filter(u -> u[0] >= 40).map(u -> u[1] / (double) u[0]).toList();
    assertThat(rates).hasSizeGreaterThan(20);
    assertThat(
            rates.stream().mapToDouble(d -> d).max().orElseThrow()
                - rates.stream().mapToDouble(d -> d).min().orElseThrow())
        .isGreaterThan(0.12);
  }

  @Test
  void weekendsAndTetAreQuiet() {
    Map<LocalDate, Integer> perDay = new TreeMap<>();
    for (JsonNode d : finalSnapshots().values()) {
      perDay.merge(
          LocalDate.parse(d.get("NgayNopHoSo").asText().substring(0, 10)), 1, Integer::sum);
    }
    double weekday =
        average(perDay, d -> d.getDayOfWeek().getValue() <= 5 && d.getMonthValue() > 3);
    double weekend =
        average(perDay, d -> d.getDayOfWeek().getValue() >= 6 && d.getMonthValue() > 3);
    assertThat(weekend / weekday).isLessThan(0.35);
    // Tết 2024 fell on 10 February: its working week is far below an ordinary March week.
    double tet =
        average(
            perDay,
            d ->
                !d.isBefore(LocalDate.of(2024, 2, 8))
                    && !d.isAfter(LocalDate.of(2024, 2, 14))
                    && d.getDayOfWeek() != DayOfWeek.SUNDAY);
    double march =
        average(
            perDay,
            d ->
                d.getYear() == 2024
                    && d.getMonthValue() == 3
                    && d.getDayOfWeek() != DayOfWeek.SUNDAY);
    assertThat(tet / march).isLessThan(0.5);
  }

  @Test
  void documentsAreMostlySignedAndSigningImproves() {
    Map<String, int[]> signed = new TreeMap<>();
    int urgent = 0;
    List<String[]> rows = Generated.csv(dir.resolve("dms/csv/van_ban_di.csv"));
    for (String[] r : rows) {
      int[] c = signed.computeIfAbsent(r[5], k -> new int[2]);
      c[0]++;
      c[1] += Boolean.parseBoolean(r[10]) ? 1 : 0;
      urgent += r[12].equals("Thường") ? 0 : 1;
    }
    double y23 = signed.get("2023")[1] / (double) signed.get("2023")[0];
    double y24 = signed.get("2024")[1] / (double) signed.get("2024")[0];
    assertThat(y23).isBetween(0.55, 0.97);
    assertThat(y24).isGreaterThan(y23);
    assertThat(urgent / (double) rows.size()).isBetween(0.1, 0.3);
    long perYear = Generated.summary().documents() / 2;
    assertThat(perYear).isBetween(4_000L, 6_000L); // SF 0.01 ≈ 5,000 documents a year
  }

  @Test
  void workbooksOpenWithTheExpectedLayout() throws Exception {
    for (Path f : Generated.files("payments", "local-").subList(0, 20)) {
      try (XSSFWorkbook wb = Generated.open(f)) {
        Sheet s = wb.getSheet("GiaoDich");
        assertThat(s).as(f.toString()).isNotNull();
        assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("MaThamChieu");
        assertThat(s.getLastRowNum()).isPositive();
      }
    }
    Set<String> wrong =
        manifest.stream()
            .filter(e -> e.defect().equals("WRONG_LAYOUT"))
            .map(Entry::file)
            .collect(set());
    for (Path f : Generated.files("assessment/2024", "")) {
      if (wrong.contains("assessment/2024/" + f.getFileName())) {
        continue;
      }
      try (XSSFWorkbook wb = Generated.open(f)) {
        Sheet s = wb.getSheet("TuDanhGia");
        List<String> header = new ArrayList<>();
        s.getRow(4).forEach(c -> header.add(c.getStringCellValue()));
        assertThat(header).isEqualTo(SourceGenerator.ASSESSMENT_HEADERS);
        assertThat(s.getRow(1).getCell(3).getStringCellValue())
            .isEqualTo(f.getFileName().toString().replace(".xlsx", ""));
        assertThat(s.getLastRowNum()).isGreaterThanOrEqualTo(5 + 10);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static java.util.stream.Stream<Line> lines() {
    return portal.values().stream().flatMap(List::stream);
  }

  private static <T> java.util.stream.Collector<T, ?, Set<T>> set() {
    return Collectors.toCollection(HashSet::new);
  }

  private static String normalisedCode(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  private static LocalDate fileDate(String file) {
    String name = Path.of(file).getFileName().toString();
    return LocalDate.parse(name.substring(name.indexOf('-') + 1, name.indexOf('-') + 11));
  }

  private static double average(
      Map<LocalDate, Integer> perDay, java.util.function.Predicate<LocalDate> which) {
    LocalDate first = LocalDate.of(2023, 1, 1);
    LocalDate last = LocalDate.of(2024, 12, 31);
    int days = 0;
    long sum = 0;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (which.test(d)) {
        days++;
        sum += perDay.getOrDefault(d, 0);
      }
    }
    return sum / (double) days;
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
