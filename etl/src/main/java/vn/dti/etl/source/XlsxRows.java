package vn.dti.etl.source;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import vn.dti.warehouse.WarehouseException;

/**
 * Reads the first sheet of a workbook row by row with POI's streaming (SAX) reader, so a large
 * workbook is never loaded whole: each row reaches the consumer as its cells' formatted text.
 */
public final class XlsxRows {
  private XlsxRows() {}

  /** A row of a sheet: its 0-based index and its cells as displayed, blanks as "". */
  public record Line(int row, List<String> cells) {
    /** The cell in column {@code c} (0-based), or "" past the last one. */
    public String cell(int c) {
      return c < cells.size() ? cells.get(c) : "";
    }
  }

  /** The name of a cell as Excel shows it, e.g. D5 for row 4, column 3 (0-based). */
  public static String cellName(int row, int column) {
    return new org.apache.poi.ss.util.CellReference(row, column).formatAsString(false);
  }

  /** Calls {@code row} for every non-empty row of the first sheet. */
  public static void read(Path file, Consumer<Line> row) {
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new WarehouseException("Workbook " + file + " has no sheet");
      }
      try (InputStream sheet = sheets.next()) {
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(
            new XSSFSheetXMLHandler(
                styles, null, strings, new Collector(row), new DataFormatter(), false));
        xml.parse(new InputSource(sheet));
      }
    } catch (WarehouseException e) {
      throw e;
    } catch (Exception e) {
      throw new WarehouseException(
          "Cannot read workbook " + file + ": " + e.getMessage() + "; is it an .xlsx file?", e);
    }
  }

  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final Consumer<Line> out;
    private final List<String> cells = new ArrayList<>();

    Collector(Consumer<Line> out) {
      this.out = out;
    }

    @Override
    public void startRow(int rowNum) {
      cells.clear();
    }

    @Override
    public void endRow(int rowNum) {
      out.accept(new Line(rowNum, List.copyOf(cells)));
    }

    @Override
    public void cell(String ref, String value, XSSFComment comment) {
      int column = new org.apache.poi.ss.util.CellReference(ref).getCol();
      while (cells.size() < column) {
        cells.add("");
      }
      cells.add(value == null ? "" : value);
    }
  }
}
