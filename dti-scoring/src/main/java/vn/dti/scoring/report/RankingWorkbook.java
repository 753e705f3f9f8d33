package vn.dti.scoring.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.dti.warehouse.WarehouseException;

/**
 * The committee's ranking workbook for the 766 on-time indicator: one sheet per month, newest
 * first, with ranks, scores, the counts behind them and the change against the previous month, all
 * labelled in Vietnamese.
 */
public final class RankingWorkbook {
  /** Column headers, in order. */
  public static final List<String> HEADERS =
      List.of(
          "Xếp hạng",
          "Mã tỉnh",
          "Tỉnh, thành phố",
          "Số hồ sơ tiếp nhận",
          "Số hồ sơ đúng hạn",
          "Tỷ lệ đúng hạn",
          "Điểm (tối đa 20)",
          "Xếp hạng kỳ trước",
          "So với kỳ trước");

  public static final String TITLE =
      "BẢNG XẾP HẠNG CHỈ SỐ TIẾN ĐỘ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH";
  public static final String SUBTITLE =
      "Theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ";
  public static final int HEADER_ROW = 4;

  private RankingWorkbook() {}

  /** The sheet name of a period: {@code Tháng 06-2024}. */
  public static String sheetName(String period) {
    try {
      YearMonth ym = YearMonth.parse(period);
      return String.format("Tháng %02d-%d", ym.getMonthValue(), ym.getYear());
    } catch (java.time.format.DateTimeParseException e) {
      return period;
    }
  }

  /** The file name for a report whose newest period is {@code period}. */
  public static String fileName(String period) {
    return "report-qd766-tdgq-" + period + ".xlsx";
  }

  /**
   * Writes the workbook into {@code dir} (created if needed), atomically, and returns its path.
   *
   * @param createdAt the creation time stored in the document properties
   */
  public static Path write(List<RankingReportRow> rows, Path dir, Instant createdAt) {
    if (rows.isEmpty()) {
      throw new WarehouseException(
          "There is nothing to report: gold.ranking is empty; run 'dti nightly' first");
    }
    TreeMap<String, List<RankingReportRow>> byPeriod = new TreeMap<>(Comparator.reverseOrder());
    for (RankingReportRow r : rows) {
      byPeriod.computeIfAbsent(r.period(), p -> new java.util.ArrayList<>()).add(r);
    }
    Path target = dir.resolve(fileName(byPeriod.firstKey()));
    Path tmp = dir.resolve(target.getFileName() + ".part");
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(createdAt)));
      wb.getProperties().getCoreProperties().setTitle(TITLE);
      Styles st = new Styles(wb);
      for (var e : byPeriod.entrySet()) {
        List<RankingReportRow> period =
            e.getValue().stream()
                .sorted(
                    Comparator.comparingInt(RankingReportRow::rank)
                        .thenComparing(RankingReportRow::unitCode))
                .toList();
        fill(wb.createSheet(sheetName(e.getKey())), e.getKey(), period, st);
      }
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(tmp)) {
        wb.write(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new WarehouseException(
          "Cannot write the report "
              + target
              + ": "
              + e.getMessage()
              + "; check that "
              + dir
              + " is writable and the file is not open in Excel",
          e);
    }
  }

  private static void fill(Sheet sheet, String period, List<RankingReportRow> rows, Styles st) {
    Row title = sheet.createRow(0);
    cell(title, 0, TITLE, st.title);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.size() - 1));
    Row sub = sheet.createRow(1);
    cell(sub, 0, SUBTITLE, st.italic);
    sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, HEADERS.size() - 1));
    Row info = sheet.createRow(2);
    cell(
        info,
        0,
        "Kỳ đánh giá: "
            + sheetName(period).replace('-', '/')
            + ". Số tỉnh, thành phố được xếp hạng: "
            + rows.get(0).unitsRanked(),
        st.plain);
    sheet.addMergedRegion(new CellRangeAddress(2, 2, 0, HEADERS.size() - 1));
    Row header = sheet.createRow(HEADER_ROW);
    header.setHeightInPoints(32);
    for (int i = 0; i < HEADERS.size(); i++) {
      cell(header, i, HEADERS.get(i), st.header);
    }
    int r = HEADER_ROW + 1;
    for (RankingReportRow x : rows) {
      Row row = sheet.createRow(r++);
      number(row, 0, x.rank(), st.integer);
      cell(row, 1, x.unitCode(), st.text);
      cell(row, 2, x.unitName(), st.text);
      number(row, 3, x.received(), st.count);
      number(row, 4, x.onTime(), st.count);
      number(row, 5, (double) x.onTime() / x.received(), st.percent);
      number(row, 6, x.score().doubleValue(), st.score);
      if (x.previousRank().isPresent()) {
        number(row, 7, x.previousRank().get(), st.integer);
      } else {
        cell(row, 7, "—", st.text);
      }
      cell(row, 8, x.rankChangeVi(), st.text);
    }
    Row note = sheet.createRow(r + 1);
    cell(
        note,
        0,
        "Ghi chú: Điểm = 20 × số hồ sơ đúng hạn / số hồ sơ tiếp nhận trong kỳ, làm tròn 2 chữ số thập phân;"
            + " các tỉnh bằng điểm được xếp đồng hạng. Hồ sơ đúng hạn gồm hồ sơ đã giải quyết đúng hoặc trước hạn và"
            + " hồ sơ đang giải quyết còn trong hạn tại cuối kỳ.",
        st.italic);
    sheet.addMergedRegion(new CellRangeAddress(r + 1, r + 1, 0, HEADERS.size() - 1));
    int[] widths = {10, 9, 28, 14, 14, 12, 12, 12, 18};
    for (int i = 0; i < widths.length; i++) {
      sheet.setColumnWidth(i, widths[i] * 256);
    }
    sheet.createFreezePane(0, HEADER_ROW + 1);
  }

  private static void cell(Row row, int col, String value, CellStyle style) {
    Cell c = row.createCell(col);
    c.setCellValue(value);
    c.setCellStyle(style);
  }

  private static void number(Row row, int col, double value, CellStyle style) {
    Cell c = row.createCell(col);
    c.setCellValue(value);
    c.setCellStyle(style);
  }

  /** The few cell styles of the workbook, created once. */
  private static final class Styles {
    final CellStyle title;
    final CellStyle italic;
    final CellStyle plain;
    final CellStyle header;
    final CellStyle text;
    final CellStyle integer;
    final CellStyle count;
    final CellStyle percent;
    final CellStyle score;

    Styles(XSSFWorkbook wb) {
      Font bold = wb.createFont();
      bold.setBold(true);
      bold.setFontHeightInPoints((short) 13);
      Font it = wb.createFont();
      it.setItalic(true);
      Font headerFont = wb.createFont();
      headerFont.setBold(true);
      title = wb.createCellStyle();
      title.setFont(bold);
      title.setAlignment(HorizontalAlignment.CENTER);
      italic = wb.createCellStyle();
      italic.setFont(it);
      italic.setAlignment(HorizontalAlignment.LEFT);
      plain = wb.createCellStyle();
      header = bordered(wb);
      header.setFont(headerFont);
      header.setWrapText(true);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setVerticalAlignment(VerticalAlignment.CENTER);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      text = bordered(wb);
      integer = bordered(wb);
      integer.setAlignment(HorizontalAlignment.CENTER);
      count = bordered(wb);
      count.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
      percent = bordered(wb);
      percent.setDataFormat(wb.createDataFormat().getFormat("0.00%"));
      score = bordered(wb);
      score.setDataFormat(wb.createDataFormat().getFormat("0.00"));
    }

    private static CellStyle bordered(XSSFWorkbook wb) {
      CellStyle s = wb.createCellStyle();
      s.setBorderBottom(BorderStyle.THIN);
      s.setBorderTop(BorderStyle.THIN);
      s.setBorderLeft(BorderStyle.THIN);
      s.setBorderRight(BorderStyle.THIN);
      return s;
    }
  }
}
