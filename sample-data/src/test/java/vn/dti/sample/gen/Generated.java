package vn.dti.sample.gen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * One generated source folder per test JVM (SF 0.01, 2023–2024, three provinces in depth, dirty
 * rate 2 %), shared by the generator's test classes, and independent readers of its files.
 */
final class Generated {
  static final SourceGenerator.Spec SPEC =
      new SourceGenerator.Spec(0.01, 2023, 2024, 7, 0.02, List.of("70", "24", "60"), 0.5, 8, true);

  private static Path dir;
  private static SourceGenerator.Summary summary;

  private Generated() {}

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("dti-generated-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      summary = SourceGenerator.generate(SPEC, dir, s -> {});
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    }
    return dir;
  }

  static synchronized SourceGenerator.Summary summary() {
    dir();
    return summary;
  }

  /** The lines of a text file, gunzipped when its name ends with .gz. */
  static List<String> lines(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data rows of a CSV file (RFC 4180, header dropped). */
  static List<String[]> csv(Path file) {
    List<String[]> rows = new ArrayList<>();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row.toArray(String[]::new));
        row.clear();
      } else {
        field.append(c);
      }
    }
    return rows.subList(1, rows.size());
  }

  /** The data rows of the first sheet of a workbook, every cell as text (header dropped). */
  static List<String[]> xlsx(Path file) {
    List<String[]> rows = new ArrayList<>();
    try (XSSFWorkbook wb = Generated.open(file)) {
      Sheet s = wb.getSheetAt(0);
      int width = s.getRow(0).getLastCellNum();
      for (int r = 1; r <= s.getLastRowNum(); r++) {
        Row row = s.getRow(r);
        String[] out = new String[width];
        for (int c = 0; c < width; c++) {
          Cell cell = row.getCell(c);
          out[c] =
              cell == null
                  ? ""
                  : cell.getCellType() == CellType.NUMERIC
                      ? String.valueOf((long) cell.getNumericCellValue())
                      : cell.getStringCellValue();
        }
        rows.add(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** Opens a workbook read-only (a workbook opened read-write is rewritten on close). */
  static XSSFWorkbook open(Path file) throws IOException {
    try {
      return new XSSFWorkbook(
          org.apache.poi.openxml4j.opc.OPCPackage.open(
              file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ));
    } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
      throw new IOException(file + " is not a workbook: " + e.getMessage(), e);
    }
  }

  /** Payment rows of a reconciliation file, CSV or XLSX. */
  static List<String[]> payments(Path file) {
    return file.toString().endsWith(".xlsx") ? xlsx(file) : csv(file);
  }

  /** The files of a folder whose names start with {@code prefix}, sorted. */
  static List<Path> files(String folder, String prefix) {
    try (var s = Files.list(dir().resolve(folder))) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }
}
