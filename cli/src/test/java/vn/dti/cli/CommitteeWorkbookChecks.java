package vn.dti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;

/**
 * The committee's workbooks as a user gets them from {@code dti report} on the committed sample's
 * warehouse, checked against the gold tables by SQL written here (not by the report code), and
 * rendered by LibreOffice. Used by {@link NightlyEndToEndTest}, which holds the warehouse.
 */
final class CommitteeWorkbookChecks {
  /** The three provinces the sample holds in depth: Bình Phước, Bắc Giang, Bình Thuận. */
  static final List<String> SAMPLE_PROVINCES = List.of("70", "24", "60");

  private CommitteeWorkbookChecks() {}

  /** Runs {@code dti report} and returns its exit code. */
  static int report(Path dataDir, String... args) {
    List<String> all = new ArrayList<>(List.of("--conf", "data.dir=" + dataDir, "report"));
    all.addAll(List.of(args));
    return DtiMain.execute(all.toArray(String[]::new));
  }

  /**
   * The Done-when workbooks: the national 766 for June 2024, the national DTI for 2024, each sample
   * province's own monthly criteria for June 2024.
   */
  static Map<String, Path> writeAll(Path dataDir, Path out) {
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("qd766", write(dataDir, out, "qd766", "2024-06", "national", "toan-quoc"));
    files.put("dti", write(dataDir, out, "dti-2024-province", "2024", "national", "toan-quoc"));
    for (String p : SAMPLE_PROVINCES) {
      files.put(
          p,
          write(dataDir, out, "province-units-monthly", "2024-06", "province:" + p, "tinh-" + p));
    }
    return files;
  }

  /** Runs {@code dti report} for one workbook (as reported) and returns the file it names. */
  static Path write(
      Path dataDir, Path out, String methodology, String period, String scope, String slug) {
    assertThat(
            report(
                dataDir,
                "--methodology",
                methodology,
                "--period",
                period,
                "--scope",
                scope,
                "--boundaries",
                "as_reported",
                "--out",
                out.toString()))
        .isZero();
    // A quarter or half is lower case in a file name: bao-cao-qd766-2024-q2-toan-quoc.xlsx.
    Path file =
        out.resolve(
            "bao-cao-"
                + methodology
                + "-"
                + period.toLowerCase(java.util.Locale.ROOT)
                + "-"
                + slug
                + ".xlsx");
    assertThat(file).isRegularFile();
    return file;
  }

  /** The row whose column {@code col} holds {@code value} as text, after row {@code from}. */
  static Row row(XSSFSheet s, int from, int col, String value) {
    for (Row r : s) {
      Cell c = r.getCell(col);
      if (r.getRowNum() >= from
          && c != null
          && c.getCellType() == CellType.STRING
          && c.getStringCellValue().equals(value)) {
        return r;
      }
    }
    throw new AssertionError(
        "no row with '" + value + "' in column " + col + " of " + s.getSheetName());
  }

  static List<String> sheetNames(XSSFWorkbook wb) {
    List<String> out = new ArrayList<>();
    wb.forEach(s -> out.add(s.getSheetName()));
    return out;
  }

  static BigDecimal round(double x, int decimals) {
    return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP);
  }

  /** Runs a query and returns its rows as lists of values. */
  static List<org.apache.spark.sql.Row> sql(SparkSession spark, String query) {
    return spark.sql(query).collectAsList();
  }

  /** Whether LibreOffice's {@code soffice} is on the PATH. */
  static boolean hasLibreOffice() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "soffice"))) {
        return true;
      }
    }
    return false;
  }

  /** Converts the workbooks to PDF with LibreOffice, headless, and returns the PDFs. */
  static List<Path> toPdf(List<Path> workbooks, Path outDir)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("lo-profile-");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "soffice",
                "-env:UserInstallation=" + profile.toUri(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                outDir.toString()));
    workbooks.forEach(w -> cmd.add(w.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("soffice finished: " + output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    List<Path> pdfs = new ArrayList<>();
    for (Path w : workbooks) {
      String name = w.getFileName().toString().replace(".xlsx", ".pdf");
      Path pdf = outDir.resolve(name);
      assertThat(pdf).as("LibreOffice's output for " + w + ": " + output).isRegularFile();
      pdfs.add(pdf);
    }
    return pdfs;
  }

  /** The text of each page of a PDF. */
  static List<String> pages(Path pdf) throws IOException {
    List<String> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper strip = new PDFTextStripper();
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        strip.setStartPage(i);
        strip.setEndPage(i);
        out.add(strip.getText(doc));
      }
    }
    return out;
  }
}
