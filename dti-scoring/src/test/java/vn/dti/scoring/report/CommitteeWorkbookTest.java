package vn.dti.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodology;

/**
 * Tier 1: a province's workbook built from hand-made gold rows and read back with POI. The expected
 * totals are worked out here from the counts, not by the code under test.
 *
 * <pre>
 * June, DVC.2 (online / received)    May                  DVC.1 (procedures)
 * D1 "=SUM(A1:A9)"  6/10 rank 1       4/10                 3/5  (80 %: 1 short)
 * D2 "+84 Sở Y tế"  2/8  rank 2       2/10                 4/4
 * D3 "@Sở Tư pháp"  2/2  (2 < 3: not ranked)  0/2          1/1
 * TỔNG              10/20 = 50 % (Đạt; the mean of the rates would be 61.67 %)
 *                   May: 6/22 = 27.27 % → Tăng 22,73%
 * C1 "-Xã An Bình"  5/5  rank 1 among communes
 * </pre>
 */
class CommitteeWorkbookTest {
  private static final Methodology M = ScoringCatalog.methodology("province-units-monthly");
  private static final ReportRequest REQUEST =
      new ReportRequest(
          "province-units-monthly",
          ReportPeriod.parse("2024-06").orElseThrow(),
          ReportScope.province("70"),
          Methodology.AS_REPORTED);
  private static final ZonedDateTime AT =
      ZonedDateTime.of(2024, 7, 2, 8, 30, 0, 0, ZoneId.of("Asia/Ho_Chi_Minh"));

  @TempDir Path dir;

  private static ScoreFact leaf(
      String period,
      String level,
      String unit,
      String name,
      String node,
      int n,
      int d,
      Integer rank) {
    double v = d == 0 ? 0 : (double) n / d;
    return new ScoreFact(
        period,
        level,
        unit,
        name,
        node,
        M.node(node).orElseThrow().nameVi(),
        Optional.of((double) n),
        Optional.of((double) d),
        Optional.of(v),
        Optional.of(BigDecimal.valueOf(v * 20).setScale(4, java.math.RoundingMode.HALF_UP)),
        new BigDecimal("20"),
        Optional.of(BigDecimal.valueOf(v * 20).setScale(2, java.math.RoundingMode.HALF_UP)),
        Optional.ofNullable(rank),
        "MEASURED",
        M.target(node).map(t -> t.judge(BigDecimal.valueOf(v))),
        Optional.empty());
  }

  private static ScoreFact total(
      String period, String level, String unit, String name, String points, Integer rank) {
    BigDecimal p = new BigDecimal(points);
    return new ScoreFact(
        period,
        level,
        unit,
        name,
        "TOTAL",
        "Tổng điểm",
        Optional.empty(),
        Optional.empty(),
        Optional.of(p.doubleValue() / 100),
        Optional.of(p),
        new BigDecimal("100"),
        Optional.of(p),
        Optional.ofNullable(rank),
        "COMPUTED",
        Optional.empty(),
        Optional.empty());
  }

  static ReportData data() {
    List<ScoreFact> s = new ArrayList<>();
    String jun = "2024-06";
    String may = "2024-05";
    s.add(total(jun, "department", "D1", "=SUM(A1:A9)", "60", 1));
    s.add(leaf(jun, "department", "D1", "=SUM(A1:A9)", "DVC.1", 3, 5, 2));
    s.add(leaf(jun, "department", "D1", "=SUM(A1:A9)", "DVC.2", 6, 10, 1));
    s.add(total(jun, "department", "D2", "+84 Sở Y tế", "62.5", 2));
    s.add(leaf(jun, "department", "D2", "+84 Sở Y tế", "DVC.1", 4, 4, 1));
    s.add(leaf(jun, "department", "D2", "+84 Sở Y tế", "DVC.2", 2, 8, 2));
    s.add(total(jun, "department", "D3", "@Sở Tư pháp", "100", null));
    s.add(leaf(jun, "department", "D3", "@Sở Tư pháp", "DVC.1", 1, 1, null));
    s.add(leaf(jun, "department", "D3", "@Sở Tư pháp", "DVC.2", 2, 2, null));
    s.add(total(jun, "commune", "C1", "-Xã An Bình", "100", 1));
    s.add(leaf(jun, "commune", "C1", "-Xã An Bình", "DVC.2", 5, 5, 1));
    s.add(total(may, "department", "D1", "=SUM(A1:A9)", "40", 1));
    s.add(leaf(may, "department", "D1", "=SUM(A1:A9)", "DVC.2", 4, 10, 1));
    s.add(leaf(may, "department", "D2", "+84 Sở Y tế", "DVC.2", 2, 10, 2));
    s.add(leaf(may, "department", "D3", "@Sở Tư pháp", "DVC.2", 0, 2, null));
    List<RankFact> ranking =
        List.of(
            new RankFact(
                "department",
                "D1",
                "TOTAL",
                new BigDecimal("60"),
                1,
                2,
                Optional.of(may),
                Optional.of(2)),
            new RankFact(
                "department",
                "D2",
                "TOTAL",
                new BigDecimal("62.5"),
                2,
                2,
                Optional.of(may),
                Optional.of(1)),
            new RankFact(
                "commune",
                "C1",
                "TOTAL",
                new BigDecimal("100"),
                1,
                1,
                Optional.empty(),
                Optional.empty()));
    List<IntervalFact> intervals =
        List.of(
            new IntervalFact("department", "D1", 1, 2, 1.0),
            new IntervalFact("department", "D2", 1, 2, 2.0));
    // D1: +20 points, of which DVC.2 +4, DVC.1 +12, VB.1 +4 (rescaling).
    List<ChangeFact> changes =
        List.of(
            change("D1", "DVC.2", "4"),
            change("D1", "DVC.1", "12"),
            change("D1", "VB.1", "4"),
            change("D1", "TT.1", "0"));
    return new ReportData(
        REQUEST,
        Optional.of("Tỉnh Bình Phước"),
        M,
        M.ref().hash(),
        Map.of("gold.score", 7L, "gold.ranking", 7L),
        s,
        ranking,
        intervals,
        changes,
        AT,
        "Sở Khoa học và Công nghệ tỉnh Bình Phước");
  }

  private static ChangeFact change(String unit, String node, String contribution) {
    return new ChangeFact(
        "department",
        unit,
        "2024-05",
        node,
        BigDecimal.ZERO,
        new BigDecimal(contribution),
        new BigDecimal(contribution),
        new BigDecimal("20"));
  }

  private static String text(XSSFSheet s, int row, int col) {
    Row r = s.getRow(row);
    return r == null || r.getCell(col) == null
        ? ""
        : new DataFormatter().formatCellValue(r.getCell(col));
  }

  /** The first row whose column {@code col} reads {@code value}. */
  private static Row row(XSSFSheet s, int col, String value) {
    for (Row r : s) {
      Cell c = r.getCell(col);
      if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(value)) {
        return r;
      }
    }
    throw new AssertionError(
        "no row with '" + value + "' in column " + col + " of " + s.getSheetName());
  }

  @Test
  void aProvinceWorkbookHasEverySectionReadableBack() throws Exception {
    Path file = CommitteeWorkbook.write(new CommitteeReport(data()), dir);
    assertThat(file.getFileName().toString())
        .isEqualTo("bao-cao-province-units-monthly-2024-06-tinh-70.xlsx");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
    try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
      List<String> names = new ArrayList<>();
      wb.forEach(sh -> names.add(sh.getSheetName()));
      assertThat(names)
          .containsExactly(
              "Bìa",
              "Xếp hạng cấp sở",
              "Xếp hạng cấp xã",
              "Chỉ tiêu",
              "Thay đổi",
              "Hồ sơ đơn vị",
              "Biểu đồ",
              "Dữ liệu");
      XSSFSheet cover = wb.getSheet("Bìa");
      assertThat(text(cover, 0, 0)).isEqualTo("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BÌNH PHƯỚC");
      assertThat(row(cover, 0, "Kỳ đánh giá").getCell(1).getStringCellValue())
          .isEqualTo("Tháng 06/2024");
      assertThat(row(cover, 0, "Mã băm phương pháp (SHA-256)").getCell(1).getStringCellValue())
          .isEqualTo(M.ref().hash());
      assertThat(row(cover, 0, "Phạm vi").getCell(1).getStringCellValue())
          .startsWith("Tỉnh Bình Phước (mã 70)");
      assertThat(row(cover, 0, "Thời điểm lập").getCell(1).getStringCellValue())
          .isEqualTo("02/07/2024 08:30 (Asia/Ho_Chi_Minh)");
      assertThat(row(cover, 0, "Phiên bản dữ liệu (Delta)").getCell(1).getStringCellValue())
          .isEqualTo("gold.ranking v7; gold.score v7");

      XSSFSheet ranking = wb.getSheet("Xếp hạng cấp sở");
      int h = CommitteeWorkbook.RANKING_HEADER;
      assertThat(text(ranking, h, 0)).isEqualTo("Xếp hạng");
      assertThat(text(ranking, h, 1)).isEqualTo("Đơn vị");
      assertThat(text(ranking, h + 1, 2)).isEqualTo("Điểm");
      assertThat(text(ranking, h + 1, 3)).isEqualTo("% tối đa");
      // Ranked first, in rank order; the unit below the minimum last, not ranked.
      Cell formulaLike = ranking.getRow(h + 2).getCell(1);
      assertThat(formulaLike.getCellType()).isEqualTo(CellType.STRING);
      assertThat(formulaLike.getStringCellValue()).isEqualTo("=SUM(A1:A9)");
      assertThat(ranking.getRow(h + 2).getCell(0).getNumericCellValue()).isEqualTo(1);
      assertThat(ranking.getRow(h + 2).getCell(2).getNumericCellValue()).isEqualTo(60);
      assertThat(row(ranking, 1, "=SUM(A1:A9)").getCell(0).getCellType())
          .isEqualTo(CellType.NUMERIC);
      Row d3 = row(ranking, 1, "@Sở Tư pháp");
      assertThat(d3.getRowNum()).isEqualTo(h + 4);
      assertThat(d3.getCell(0).getStringCellValue()).isEqualTo("—");
      int last = d3.getLastCellNum() - 1;
      assertThat(d3.getCell(last).getStringCellValue())
          .isEqualTo("Chưa đủ số liệu để xếp hạng (2 hồ sơ tiếp nhận, tối thiểu 3)");
      Row d1 = row(ranking, 1, "=SUM(A1:A9)");
      assertThat(d1.getCell(last - 2).getStringCellValue()).isEqualTo("Tăng 1 bậc");
      assertThat(d1.getCell(last - 1).getStringCellValue()).isEqualTo("1–2");
      assertThat(row(ranking, 1, "+84 Sở Y tế").getCell(last - 2).getStringCellValue())
          .isEqualTo("Giảm 1 bậc");
      // Print: A4 landscape, one page wide, the two header rows on every page, panes frozen.
      assertThat(ranking.getPrintSetup().getLandscape()).isTrue();
      assertThat(ranking.getPrintSetup().getPaperSize())
          .isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
      assertThat(ranking.getFitToPage()).isTrue();
      assertThat(ranking.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
      assertThat(ranking.getPrintSetup().getFitHeight()).isEqualTo((short) 0);
      assertThat(ranking.getRepeatingRows().getFirstRow()).isEqualTo(h);
      assertThat(ranking.getRepeatingRows().getLastRow()).isEqualTo(h + 1);
      assertThat(ranking.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 5);
      assertThat(ranking.getFooter().getRight()).isEqualTo("Trang &P/&N");

      XSSFSheet targets = wb.getSheet("Chỉ tiêu");
      // Columns: STT, unit, then per target (DVC.1, DVC.2): value, trend, Đạt, shortfall.
      Row sum = row(targets, 1, "TỔNG");
      assertThat(sum.getCell(6).getNumericCellValue()).isEqualTo(0.5);
      assertThat(sum.getCell(7).getStringCellValue()).isEqualTo("Tăng 22,73%");
      assertThat(sum.getCell(8).getStringCellValue()).isEqualTo("Đạt");
      assertThat(sum.getCell(2).getNumericCellValue()).isEqualTo(0.8);
      Row y = row(targets, 1, "+84 Sở Y tế");
      assertThat(y.getCell(8).getStringCellValue()).isEqualTo("Không đạt");
      assertThat(y.getCell(9).getNumericCellValue()).isEqualTo(2); // 50 % of 8 = 4, has 2
      Row first = row(targets, 1, "=SUM(A1:A9)");
      assertThat(first.getCell(4).getStringCellValue()).isEqualTo("Không đạt");
      assertThat(first.getCell(5).getNumericCellValue()).isEqualTo(1); // 80 % of 5 = 4, has 3
      assertThat(row(targets, 1, "Sở, ban, ngành").getCell(0).getStringCellValue()).isEqualTo("I");
      assertThat(row(targets, 1, "Xã, phường, thị trấn").getCell(0).getStringCellValue())
          .isEqualTo("II");

      XSSFSheet changes = wb.getSheet("Thay đổi");
      Row c = row(changes, 1, "=SUM(A1:A9)");
      assertThat(c.getCell(4).getNumericCellValue()).isEqualTo(20);
      assertThat(c.getCell(2).getNumericCellValue()).isEqualTo(40);
      List<String> nodes = new ArrayList<>();
      double sumOfParts = 0;
      for (int r = c.getRowNum(); r < c.getRowNum() + 3; r++) {
        nodes.add(changes.getRow(r).getCell(5).getStringCellValue());
        sumOfParts += changes.getRow(r).getCell(7).getNumericCellValue();
      }
      assertThat(nodes).containsExactly("DVC.1", "DVC.2", "VB.1"); // 12, then 4 and 4 by code
      assertThat(sumOfParts).isEqualTo(20);

      XSSFSheet profiles = wb.getSheet("Hồ sơ đơn vị");
      assertThat(text(profiles, CommitteeWorkbook.RANKING_HEADER, 0))
          .startsWith("=SUM(A1:A9) (sở, ban, ngành): xếp hạng 1/2, tổng điểm 60");

      XSSFSheet charts = wb.getSheet("Biểu đồ");
      List<XSSFChart> all = charts.getDrawingPatriarch().getCharts();
      assertThat(all).hasSize(6); // three per level with ranked units
      XDDFChartData bars = all.get(0).getChartSeries().get(0);
      assertThat(bars).isInstanceOf(XDDFBarChartData.class);
      assertThat(bars.getSeriesCount()).isEqualTo(1);
      assertThat(bars.getSeries(0).getValuesData().getPointCount()).isEqualTo(2);
      XDDFChartData stacked = all.get(1).getChartSeries().get(0);
      assertThat(stacked.getSeriesCount()).isEqualTo(M.root().children().size());
      XDDFChartData lines = all.get(2).getChartSeries().get(0);
      assertThat(lines).isInstanceOf(XDDFLineChartData.class);
      assertThat(lines.getSeriesCount()).isEqualTo(3); // two ranked units and the mean
      assertThat(lines.getSeries(0).getValuesData().getPointCount()).isEqualTo(12);

      XSSFSheet rows = wb.getSheet("Dữ liệu");
      assertThat(text(rows, 0, 0)).isEqualTo("Kỳ");
      assertThat(rows.getCTWorksheet().getAutoFilter().getRef()).startsWith("A1:P");
      assertThat(rows.getLastRowNum()).isEqualTo(data().scores().size());
    }
  }

  @Test
  void aPeriodWithoutDataGivesACoverThatSaysSo() throws Exception {
    ReportData empty =
        new ReportData(
            new ReportRequest(
                "qd766",
                ReportPeriod.parse("2031-02").orElseThrow(),
                ReportScope.national(),
                Methodology.AS_REPORTED),
            Optional.empty(),
            ScoringCatalog.methodology("qd766"),
            "abc",
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            AT,
            "Ban Chỉ đạo");
    Path file = CommitteeWorkbook.write(new CommitteeReport(empty), dir);
    assertThat(file.getFileName().toString()).isEqualTo("bao-cao-qd766-2031-02-toan-quoc.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(1);
      XSSFSheet cover = wb.getSheetAt(0);
      boolean says = false;
      for (Row r : cover) {
        for (Cell c : r) {
          says |=
              c.getCellType() == CellType.STRING
                  && c.getStringCellValue().startsWith("Không có số liệu cho tháng 02/2031");
        }
      }
      assertThat(says).isTrue();
    }
  }

  /** D1 ranks 1st of 2 on DVC.2 and 2nd of 2 on DVC.1: one strength, one weakness. */
  @Test
  void aProfileSplitsItsRankedComponentsIntoStrengthsAndWeaknesses() {
    CommitteeReport.Profile d1 = new CommitteeReport(data()).levels().get(0).profiles().get(0);
    assertThat(d1.line().unitCode()).isEqualTo("D1");
    assertThat(d1.strengths()).extracting(CommitteeReport.Component::code).containsExactly("DVC.2");
    assertThat(d1.weaknesses())
        .extracting(CommitteeReport.Component::code)
        .containsExactly("DVC.1");
    assertThat(d1.weaknesses().get(0).rank()).isEqualTo(2);
    assertThat(d1.weaknesses().get(0).of()).isEqualTo(2);
    // The trend: 12 months ending in June, the total published in May and June.
    assertThat(d1.trend()).hasSize(12);
    assertThat(d1.trend().get(10)).contains(new BigDecimal("40"));
    assertThat(d1.trend().get(11)).contains(new BigDecimal("60"));
  }

  @Test
  void periodsParseAndCount() {
    assertThat(ReportPeriod.parse("2024-Q1").orElseThrow().previous().code()).isEqualTo("2023-Q4");
    assertThat(ReportPeriod.parse("2024-01").orElseThrow().lastPeriods(3))
        .extracting(ReportPeriod::code)
        .containsExactly("2023-11", "2023-12", "2024-01");
    assertThat(ReportPeriod.parse("2024").orElseThrow().labelVi()).isEqualTo("năm 2024");
    assertThat(ReportPeriod.parse("2024-Q3").orElseThrow().labelVi()).isEqualTo("quý III/2024");
    assertThat(ReportPeriod.parse("2024-13")).isEmpty();
    assertThat(ReportPeriod.parse("June")).isEmpty();
    assertThat(ReportPeriod.parse("2024-02").orElseThrow().lastDay())
        .isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    assertThat(ReportScope.parse("province:70")).contains(ReportScope.province("70"));
    assertThat(ReportScope.parse("province:")).isEmpty();
  }
}
