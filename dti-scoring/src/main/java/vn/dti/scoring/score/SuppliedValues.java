package vn.dti.scoring.score;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.Node;
import vn.dti.warehouse.WarehouseException;

/**
 * Node values supplied from outside, read from a CSV file with the columns {@code
 * unit_code,unit_name,node_code,value} (a header row, UTF-8, quoted fields allowed): how a
 * published table is checked or a what-if is run. A value is the node's share of its maximum
 * (0..1), or its points when read {@link Scale#POINTS}.
 */
public final class SuppliedValues {
  /** How the value column is to be read. */
  public enum Scale {
    /** Share of the node's maximum, 0..1. */
    SHARE,
    /** Points, 0..max. */
    POINTS
  }

  static final List<String> HEADER = List.of("unit_code", "unit_name", "node_code", "value");

  private SuppliedValues() {}

  /**
   * Reads the file into one {@link UnitInput} per unit, in order of first appearance.
   *
   * @throws WarehouseException naming the file and line of the first problem
   */
  public static List<UnitInput> read(Path file, Methodology m, Scale scale) {
    List<String> lines;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines = r.lines().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new WarehouseException(
          "Cannot read the inputs file " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new WarehouseException(
          "The inputs file "
              + file
              + " is empty; its first line must be "
              + String.join(",", HEADER));
    }
    List<String> header = fields(file, 1, stripBom(lines.get(0)));
    if (!header.equals(HEADER)) {
      throw new WarehouseException(
          file
              + ", line 1: the header is "
              + String.join(",", header)
              + "; it must be "
              + String.join(",", HEADER));
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Map<String, BigDecimal>> values = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      int line = i + 1;
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> f = fields(file, line, lines.get(i));
      if (f.size() != 4) {
        throw new WarehouseException(
            file + ", line " + line + ": " + f.size() + " fields where 4 are expected");
      }
      String unit = f.get(0).trim();
      String node = f.get(2).trim();
      if (unit.isEmpty()) {
        throw new WarehouseException(file + ", line " + line + ": unit_code is empty");
      }
      Node n =
          m.node(node)
              .orElseThrow(
                  () ->
                      new WarehouseException(
                          file
                              + ", line "
                              + line
                              + ": node "
                              + node
                              + " is not in methodology "
                              + m.id()
                              + " (aggregates such as pillars are computed, not supplied)"));
      BigDecimal v;
      try {
        v = new BigDecimal(f.get(3).trim());
      } catch (NumberFormatException e) {
        throw new WarehouseException(
            file + ", line " + line + ": value '" + f.get(3) + "' is not a number");
      }
      BigDecimal share = toShare(file, line, n, v, scale);
      Integer before = seen.putIfAbsent(unit + "|" + node, line);
      if (before != null) {
        throw new WarehouseException(
            file
                + ", line "
                + line
                + ": unit "
                + unit
                + " node "
                + node
                + " is given twice (first on line "
                + before
                + ")");
      }
      names.putIfAbsent(unit, f.get(1).trim());
      values.computeIfAbsent(unit, k -> new LinkedHashMap<>()).put(node, share);
    }
    List<UnitInput> out = new ArrayList<>();
    values.forEach((unit, v) -> out.add(new UnitInput(unit, names.get(unit), Map.of(), v)));
    return out;
  }

  private static BigDecimal toShare(Path file, int line, Node n, BigDecimal v, Scale scale) {
    if (scale == Scale.POINTS) {
      if (v.signum() < 0 || v.compareTo(n.maxPoints()) > 0) {
        throw new WarehouseException(
            file
                + ", line "
                + line
                + ": "
                + v.toPlainString()
                + " points for "
                + n.code()
                + " lie outside 0.."
                + n.maxPoints().toPlainString());
      }
      if (!n.isScored()) {
        throw new WarehouseException(
            file
                + ", line "
                + line
                + ": "
                + n.code()
                + " is assessed, not scored (max 0): supply its value without --points");
      }
      return v.divide(n.maxPoints(), MathContext.DECIMAL64);
    }
    if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
      throw new WarehouseException(
          file
              + ", line "
              + line
              + ": value "
              + v.toPlainString()
              + " for "
              + n.code()
              + " is a share of its maximum and must lie in 0..1 (points need --points)");
    }
    return v;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** The fields of one CSV line: commas separate, double quotes enclose, "" is a quote. */
  static List<String> fields(Path file, int line, String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new WarehouseException(file + ", line " + line + ": a quoted field is not closed");
    }
    out.add(cur.toString());
    return out;
  }
}
