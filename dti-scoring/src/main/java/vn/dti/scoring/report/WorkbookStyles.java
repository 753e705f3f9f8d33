package vn.dti.scoring.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The cell styles of a committee workbook, created once per workbook. */
final class WorkbookStyles {
  /** Number formats: ranks and counts as integers, points with 2 decimals, shares as percents. */
  static final String INTEGER = "0";

  static final String COUNT = "#,##0";
  static final String POINTS = "0.00";
  static final String VALUE = "0.0000";
  static final String PERCENT = "0.00%";

  final CellStyle title;
  final CellStyle subtitle;
  final CellStyle issuer;
  final CellStyle label;
  final CellStyle plain;
  final CellStyle wrapped;
  final CellStyle note;
  final CellStyle header;
  final CellStyle section;
  final CellStyle text;
  final CellStyle textBold;
  final CellStyle integer;
  final CellStyle count;
  final CellStyle countBold;
  final CellStyle points;
  final CellStyle pointsBold;
  final CellStyle value;
  final CellStyle percent;
  final CellStyle percentBold;
  final CellStyle centered;
  final CellStyle missed;
  final CellStyle reached;

  /** The total's fill by band: top, middle, bottom third (points and value formats). */
  final CellStyle[] bandPoints;

  final CellStyle[] bandValue;

  WorkbookStyles(Workbook wb) {
    wb.getFontAt(0).setFontName("Times New Roman");
    Font bold = font(wb, true, false, 14);
    Font boldSmall = font(wb, true, false, 11);
    Font italic = font(wb, false, true, 10);
    Font regular = font(wb, false, false, 11);
    title = wb.createCellStyle();
    title.setFont(bold);
    title.setAlignment(HorizontalAlignment.CENTER);
    title.setWrapText(true);
    title.setVerticalAlignment(VerticalAlignment.CENTER);
    subtitle = wb.createCellStyle();
    subtitle.setFont(italic);
    subtitle.setAlignment(HorizontalAlignment.CENTER);
    subtitle.setWrapText(true);
    issuer = wb.createCellStyle();
    issuer.setFont(boldSmall);
    label = wb.createCellStyle();
    label.setFont(boldSmall);
    label.setVerticalAlignment(VerticalAlignment.TOP);
    plain = wb.createCellStyle();
    plain.setFont(regular);
    plain.setVerticalAlignment(VerticalAlignment.TOP);
    wrapped = wb.createCellStyle();
    wrapped.setFont(regular);
    wrapped.setWrapText(true);
    wrapped.setVerticalAlignment(VerticalAlignment.TOP);
    note = wb.createCellStyle();
    note.setFont(italic);
    note.setWrapText(true);
    note.setVerticalAlignment(VerticalAlignment.TOP);
    header = bordered(wb);
    header.setFont(boldSmall);
    header.setWrapText(true);
    header.setAlignment(HorizontalAlignment.CENTER);
    header.setVerticalAlignment(VerticalAlignment.CENTER);
    fill(header, IndexedColors.GREY_25_PERCENT);
    section = bordered(wb);
    section.setFont(boldSmall);
    fill(section, IndexedColors.LEMON_CHIFFON);
    text = bordered(wb);
    text.setWrapText(true);
    text.setVerticalAlignment(VerticalAlignment.CENTER);
    textBold = bordered(wb);
    textBold.setFont(boldSmall);
    centered = bordered(wb);
    centered.setAlignment(HorizontalAlignment.CENTER);
    centered.setVerticalAlignment(VerticalAlignment.CENTER);
    integer = numeric(wb, INTEGER);
    integer.setAlignment(HorizontalAlignment.CENTER);
    count = numeric(wb, COUNT);
    countBold = numeric(wb, COUNT);
    countBold.setFont(boldSmall);
    points = numeric(wb, POINTS);
    pointsBold = numeric(wb, POINTS);
    pointsBold.setFont(boldSmall);
    value = numeric(wb, VALUE);
    percent = numeric(wb, PERCENT);
    percentBold = numeric(wb, PERCENT);
    percentBold.setFont(boldSmall);
    reached = bordered(wb);
    reached.setAlignment(HorizontalAlignment.CENTER);
    missed = bordered(wb);
    missed.setAlignment(HorizontalAlignment.CENTER);
    missed.setFont(font(wb, true, false, 11, IndexedColors.DARK_RED));
    IndexedColors[] bands = {
      IndexedColors.LIGHT_GREEN, IndexedColors.LIGHT_YELLOW, IndexedColors.ROSE
    };
    bandPoints = new CellStyle[3];
    bandValue = new CellStyle[3];
    for (int i = 0; i < 3; i++) {
      bandPoints[i] = numeric(wb, POINTS);
      bandPoints[i].setFont(boldSmall);
      fill(bandPoints[i], bands[i]);
      bandValue[i] = numeric(wb, VALUE);
      bandValue[i].setFont(boldSmall);
      fill(bandValue[i], bands[i]);
    }
  }

  private static Font font(Workbook wb, boolean bold, boolean italic, int size) {
    Font f = wb.createFont();
    f.setFontName("Times New Roman");
    f.setBold(bold);
    f.setItalic(italic);
    f.setFontHeightInPoints((short) size);
    return f;
  }

  private static Font font(Workbook wb, boolean bold, boolean italic, int size, IndexedColors c) {
    Font f = font(wb, bold, italic, size);
    f.setColor(c.getIndex());
    return f;
  }

  private static void fill(CellStyle s, IndexedColors c) {
    s.setFillForegroundColor(c.getIndex());
    s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
  }

  private static CellStyle numeric(Workbook wb, String format) {
    CellStyle s = bordered(wb);
    s.setDataFormat(wb.createDataFormat().getFormat(format));
    s.setVerticalAlignment(VerticalAlignment.CENTER);
    return s;
  }

  private static CellStyle bordered(Workbook wb) {
    CellStyle s = wb.createCellStyle();
    s.setBorderBottom(BorderStyle.THIN);
    s.setBorderTop(BorderStyle.THIN);
    s.setBorderLeft(BorderStyle.THIN);
    s.setBorderRight(BorderStyle.THIN);
    return s;
  }
}
