package vn.dti.etl.payment;

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
final class XlsxRows {
  private XlsxRows() {}

  /** Calls {@code row} for every row of the first sheet, cells as displayed, blanks as "". */
  static void read(Path file, Consumer<List<String>> row) {
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
    private final Consumer<List<String>> out;
    private final List<String> cells = new ArrayList<>();

    Collector(Consumer<List<String>> out) {
      this.out = out;
    }

    @Override
    public void startRow(int rowNum) {
      cells.clear();
    }

    @Override
    public void endRow(int rowNum) {
      out.accept(List.copyOf(cells));
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
