package vn.dti.scoring.score;

import java.io.IOException;
import java.io.Writer;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.dti.warehouse.WarehouseException;

/**
 * Writes a score sheet as CSV: {@code unit_code,unit_name,node_code,value,points,rank}, one row per
 * unit and node or aggregate that has a value. Values carry at least 4 decimals (the publication's
 * if more), points 4; the rank is the competition rank on the published rounding.
 */
public final class ScoreCsv {
  public static final String HEADER = "unit_code,unit_name,node_code,value,points,rank";

  private ScoreCsv() {}

  public static void write(Path file, ScoreSheet sheet) {
    int valueScale = Math.max(4, sheet.methodology().publication().decimals());
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(HEADER);
        w.write('\n');
        for (NodeScore s : sheet.all()) {
          if (s.value().isEmpty()) {
            continue;
          }
          w.write(
              String.join(
                  ",",
                  quote(s.unitCode()),
                  quote(sheet.unitNames().get(s.unitCode())),
                  quote(s.code()),
                  s.value().get().setScale(valueScale, RoundingMode.HALF_UP).toPlainString(),
                  s.points().get().setScale(4, RoundingMode.HALF_UP).toPlainString(),
                  s.rank().map(String::valueOf).orElse("")));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new WarehouseException("Cannot write the scores to " + file + ": " + e.getMessage(), e);
    }
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
