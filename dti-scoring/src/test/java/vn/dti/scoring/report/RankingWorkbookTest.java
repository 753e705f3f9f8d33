package vn.dti.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingWorkbookTest {
  @TempDir Path dir;

  private static RankingReportRow row(
      String period,
      int rank,
      String code,
      String name,
      long rec,
      long ok,
      String score,
      Integer prev) {
    return new RankingReportRow(
        period,
        rank,
        3,
        code,
        name,
        rec,
        ok,
        new BigDecimal(score),
        Optional.ofNullable(prev),
        Optional.empty());
  }

  @Test
  void oneSheetPerMonthNewestFirstInVietnamese() throws Exception {
    Path file =
        RankingWorkbook.write(
            List.of(
                row("2024-05", 1, "70", "Tỉnh Bình Phước", 300, 285, "19.00", null),
                row("2024-05", 2, "24", "Tỉnh Bắc Giang", 280, 252, "18.00", null),
                row("2024-05", 2, "75", "Tỉnh Đồng Nai", 250, 225, "18.00", null),
                row("2024-06", 1, "24", "Tỉnh Bắc Giang", 300, 291, "19.40", 2),
                row("2024-06", 2, "70", "Tỉnh Bình Phước", 320, 304, "19.00", 1),
                row("2024-06", 3, "75", "Tỉnh Đồng Nai", 270, 243, "18.00", 3)),
            dir,
            Instant.parse("2024-07-01T00:00:00Z"));
    assertThat(file.getFileName().toString()).isEqualTo("report-qd766-tdgq-2024-06.xlsx");
    try (InputStream in = Files.newInputStream(file);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(2);
      assertThat(wb.getSheetName(0)).isEqualTo("Tháng 06-2024");
      assertThat(wb.getSheetName(1)).isEqualTo("Tháng 05-2024");
      Sheet june = wb.getSheetAt(0);
      assertThat(june.getRow(0).getCell(0).getStringCellValue()).startsWith("BẢNG XẾP HẠNG");
      List<String> headers = new ArrayList<>();
      june.getRow(RankingWorkbook.HEADER_ROW).forEach(c -> headers.add(c.getStringCellValue()));
      assertThat(headers).containsExactlyElementsOf(RankingWorkbook.HEADERS);
      Row first = june.getRow(RankingWorkbook.HEADER_ROW + 1);
      assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1.0);
      assertThat(first.getCell(2).getStringCellValue()).isEqualTo("Tỉnh Bắc Giang");
      assertThat(first.getCell(5).getNumericCellValue()).isEqualTo(0.97);
      assertThat(first.getCell(6).getNumericCellValue()).isEqualTo(19.40);
      assertThat(first.getCell(8).getStringCellValue()).isEqualTo("Tăng 1 bậc");
      assertThat(june.getRow(RankingWorkbook.HEADER_ROW + 2).getCell(8).getStringCellValue())
          .isEqualTo("Giảm 1 bậc");
      assertThat(june.getRow(RankingWorkbook.HEADER_ROW + 3).getCell(8).getStringCellValue())
          .isEqualTo("Giữ nguyên");
      Sheet may = wb.getSheetAt(1);
      // Tied units share the rank, listed by code.
      assertThat(may.getRow(RankingWorkbook.HEADER_ROW + 2).getCell(0).getNumericCellValue())
          .isEqualTo(2.0);
      assertThat(may.getRow(RankingWorkbook.HEADER_ROW + 3).getCell(0).getNumericCellValue())
          .isEqualTo(2.0);
      assertThat(may.getRow(RankingWorkbook.HEADER_ROW + 3).getCell(1).getStringCellValue())
          .isEqualTo("75");
      assertThat(may.getRow(RankingWorkbook.HEADER_ROW + 1).getCell(8).getStringCellValue())
          .isEqualTo("Chưa có kỳ trước");
    }
    assertThat(dir.resolve(file.getFileName() + ".part")).doesNotExist();
  }
}
