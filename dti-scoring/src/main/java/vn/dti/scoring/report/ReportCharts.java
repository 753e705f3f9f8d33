package vn.dti.scoring.report;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.PresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFPresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.DisplayBlanks;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import vn.dti.scoring.report.CommitteeReport.Level;
import vn.dti.scoring.report.CommitteeReport.RankingLine;
import vn.dti.scoring.report.CommitteeReport.Series;

/**
 * The charts sheet: for each level of units, native Excel charts (DrawingML, written with POI's
 * XDDF) over a table of their data on the same sheet: the totals in rank order (bars), the groups
 * stacked (bars), the trend of the total over the last periods (lines). Excel and LibreOffice both
 * draw them from the cells, so they follow the numbers.
 */
final class ReportCharts {
  /** Vietnamese, for upper and lower case. */
  private static final java.util.Locale VI = java.util.Locale.forLanguageTag("vi");

  private ReportCharts() {}

  /** Horizontal bars, one per unit, the first unit on top. */
  private static XDDFBarChartData horizontalBars(XSSFChart chart, String title) {
    chart.setTitleText(title);
    chart.setTitleOverlay(false);
    XDDFCategoryAxis cat = chart.createCategoryAxis(AxisPosition.LEFT);
    cat.setOrientation(AxisOrientation.MAX_MIN);
    XDDFValueAxis val = chart.createValueAxis(AxisPosition.BOTTOM);
    val.setCrosses(AxisCrosses.AUTO_ZERO);
    XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, cat, val);
    bars.setBarDirection(BarDirection.BAR);
    bars.setVaryColors(false);
    return bars;
  }

  /** Series colours: explicit, since a reader left to choose may draw nothing (LibreOffice). */
  private static final String[] PALETTE = {
    "1F4E79", "C55A11", "548235", "BF9000", "7030A0", "2E75B6", "A9D18E", "F4B183", "8FAADC"
  };

  private static XDDFSolidFillProperties solid(int i) {
    return new XDDFSolidFillProperties(
        XDDFColor.from(java.util.HexFormat.of().parseHex(PALETTE[i % PALETTE.length])));
  }

  private static XDDFShapeProperties fill(int i) {
    XDDFShapeProperties p = new XDDFShapeProperties();
    p.setFillProperties(solid(i));
    return p;
  }

  /** A series line; the mean is drawn dashed in grey. */
  private static XDDFLineProperties line(int i, boolean mean) {
    XDDFLineProperties l = new XDDFLineProperties();
    l.setWidth(mean ? 2.5 : 1.75);
    l.setFillProperties(
        mean
            ? new XDDFSolidFillProperties(XDDFColor.from(new byte[] {(byte) 0x59, 0x59, 0x59}))
            : solid(i));
    if (mean) {
      l.setPresetDash(new XDDFPresetLineDash(PresetLineDash.DASH));
    }
    return l;
  }

  /** Chart titles, per level: the total, the stacked groups, the trend. */
  static String totalTitle(Level l) {
    return "Tổng điểm theo thứ hạng: " + l.labelVi().toLowerCase(VI);
  }

  static String groupsTitle(Level l) {
    return "Cơ cấu điểm theo nhóm chỉ số: " + l.labelVi().toLowerCase(VI);
  }

  static String trendTitle(Level l) {
    return "Diễn biến 12 kỳ: " + l.labelVi().toLowerCase(VI);
  }

  static void draw(
      XSSFSheet s,
      CommitteeReport report,
      WorkbookStyles st,
      BiConsumer<Sheet, Optional<CellRangeAddress>> printSetup) {
    XSSFDrawing drawing = s.createDrawingPatriarch();
    int row = 0;
    for (Level l : report.levels()) {
      List<RankingLine> ranked = l.ranked();
      if (ranked.isEmpty()) {
        continue;
      }
      List<String> groups =
          l.columns().stream()
              .filter(c -> report.data().methodology().node(c).isPresent())
              .toList();
      // The data table: unit, total, then each group's points (or value).
      Row title = s.createRow(row);
      CommitteeWorkbook.text(title, 0, "Số liệu biểu đồ: " + l.labelVi(), st.label);
      Row h = s.createRow(row + 1);
      CommitteeWorkbook.text(h, 0, "Đơn vị", st.header);
      CommitteeWorkbook.text(h, 1, report.publishesPoints() ? "Tổng điểm" : "Giá trị", st.header);
      for (int i = 0; i < groups.size(); i++) {
        CommitteeWorkbook.text(h, 2 + i, groups.get(i), st.header);
      }
      int first = row + 2;
      for (int i = 0; i < ranked.size(); i++) {
        RankingLine line = ranked.get(i);
        Row r = s.createRow(first + i);
        CommitteeWorkbook.text(r, 0, line.unitName(), st.text);
        CommitteeWorkbook.numberOrBlank(
            r, 1, line.total().published(), report.publishesPoints() ? st.points : st.value);
        for (int g = 0; g < groups.size(); g++) {
          Optional<ScoreFact> f = Optional.ofNullable(line.nodes().get(groups.get(g)));
          CommitteeWorkbook.numberOrBlank(r, 2 + g, f.flatMap(ScoreFact::points), st.points);
        }
      }
      int last = first + ranked.size() - 1;
      int chartRows = Math.max(16, ranked.size() + 4);
      int chartCol = Math.max(4, 2 + groups.size() + 1);
      // Bars: the totals in rank order, the first on top.
      XSSFChart bars =
          drawing.createChart(
              drawing.createAnchor(0, 0, 0, 0, chartCol, row, chartCol + 10, row + chartRows));
      XDDFBarChartData totals = horizontalBars(bars, totalTitle(l));
      XDDFDataSource<String> units =
          XDDFDataSourcesFactory.fromStringCellRange(s, new CellRangeAddress(first, last, 0, 0));
      XDDFNumericalDataSource<Double> total =
          XDDFDataSourcesFactory.fromNumericCellRange(s, new CellRangeAddress(first, last, 1, 1));
      XDDFChartData.Series ts = totals.addSeries(units, total);
      ts.setTitle(report.publishesPoints() ? "Tổng điểm" : "Giá trị", null);
      ts.setShapeProperties(fill(0));
      totals.setVaryColors(false);
      bars.plot(totals);
      // Stacked bars: each group's points (the 766's six groups; the DTI's main indices), which add
      // up to the total's points.
      XSSFChart stack =
          drawing.createChart(
              drawing.createAnchor(0, 0, 0, 0, chartCol + 10, row, chartCol + 22, row + chartRows));
      XDDFBarChartData parts = horizontalBars(stack, groupsTitle(l));
      parts.setBarGrouping(BarGrouping.STACKED);
      parts.setOverlap((byte) 100);
      parts.setVaryColors(false);
      for (int g = 0; g < groups.size(); g++) {
        XDDFNumericalDataSource<Double> v =
            XDDFDataSourcesFactory.fromNumericCellRange(
                s, new CellRangeAddress(first, last, 2 + g, 2 + g));
        XDDFChartData.Series gs = parts.addSeries(units, v);
        gs.setTitle(report.nameVi(groups.get(g)), null);
        gs.setShapeProperties(fill(g));
      }
      stack.plot(parts);
      stack.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
      // The trend: a table of periods × series, then lines.
      int trendRow = Math.max(last + 2, row + chartRows + 1);
      List<ReportPeriod> periods = report.trendPeriods();
      Row th = s.createRow(trendRow);
      CommitteeWorkbook.text(th, 0, "Kỳ", st.header);
      for (int i = 0; i < periods.size(); i++) {
        CommitteeWorkbook.text(th, 1 + i, periods.get(i).shortLabel(), st.header);
      }
      List<Series> trend = l.trend();
      for (int k = 0; k < trend.size(); k++) {
        Row r = s.createRow(trendRow + 1 + k);
        CommitteeWorkbook.text(r, 0, trend.get(k).name(), st.text);
        for (int i = 0; i < periods.size(); i++) {
          CommitteeWorkbook.numberOrBlank(
              r,
              1 + i,
              trend.get(k).values().get(i),
              report.publishesPoints() ? st.points : st.value);
        }
      }
      int trendTop = trendRow + trend.size() + 2;
      XSSFChart lines =
          drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 0, trendTop, 12, trendTop + 20));
      lines.setTitleText(trendTitle(l));
      lines.setTitleOverlay(false);
      XDDFCategoryAxis cat3 = lines.createCategoryAxis(AxisPosition.BOTTOM);
      XDDFValueAxis val3 = lines.createValueAxis(AxisPosition.LEFT);
      val3.setCrosses(AxisCrosses.AUTO_ZERO);
      XDDFLineChartData lineData =
          (XDDFLineChartData) lines.createData(ChartTypes.LINE, cat3, val3);
      XDDFDataSource<String> labels =
          XDDFDataSourcesFactory.fromStringCellRange(
              s, new CellRangeAddress(trendRow, trendRow, 1, periods.size()));
      for (int k = 0; k < trend.size(); k++) {
        XDDFNumericalDataSource<Double> v =
            XDDFDataSourcesFactory.fromNumericCellRange(
                s, new CellRangeAddress(trendRow + 1 + k, trendRow + 1 + k, 1, periods.size()));
        XDDFLineChartData.Series ls = (XDDFLineChartData.Series) lineData.addSeries(labels, v);
        ls.setTitle(trend.get(k).name(), null);
        ls.setMarkerStyle(MarkerStyle.CIRCLE);
        ls.setMarkerSize((short) 5);
        ls.setSmooth(false);
        ls.setLineProperties(line(k, k == trend.size() - 1));
      }
      lines.plot(lineData);
      // A period without a figure is a gap in the line, not a fall to zero.
      lines.displayBlanksAs(DisplayBlanks.GAP);
      lines.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
      row = trendTop + 22;
    }
    s.setColumnWidth(0, 30 * 256);
    for (int c = 1; c < 14; c++) {
      s.setColumnWidth(c, 9 * 256);
    }
    printSetup.accept(s, Optional.empty());
  }
}
