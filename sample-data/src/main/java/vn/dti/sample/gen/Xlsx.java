package vn.dti.sample.gen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes workbooks byte for byte reproducibly: POI stamps zip entries and document properties with
 * the current time, so entries are rewritten with a fixed time and the creation date is set from
 * the data.
 */
final class Xlsx {
  private static final long FIXED_TIME = 1_577_836_800_000L; // 2020-01-01T00:00:00Z

  private Xlsx() {}

  static void write(Workbook wb, Path file, Date created) throws IOException {
    if (wb instanceof XSSFWorkbook x) {
      x.getProperties().getCoreProperties().setCreated(Optional.of(created));
    } else if (wb instanceof SXSSFWorkbook s) {
      s.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(Optional.of(created));
    }
    Path raw = file.resolveSibling(file.getFileName() + ".raw");
    try (OutputStream o = Files.newOutputStream(raw)) {
      wb.write(o);
    }
    try (ZipFile in = new ZipFile(raw.toFile());
        OutputStream fileOut = Files.newOutputStream(file);
        ZipOutputStream out = new ZipOutputStream(fileOut)) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(FIXED_TIME);
        out.putNextEntry(copy);
        try (InputStream data = in.getInputStream(e)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
    } finally {
      Files.deleteIfExists(raw);
    }
  }
}
