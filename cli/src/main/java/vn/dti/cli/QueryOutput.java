package vn.dti.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code dti query} prints rows: tab-separated (the default, for scripts), an aligned table
 * (for reading), CSV (RFC 4180, for spreadsheets) or JSON (an array of objects; numbers stay
 * numbers, dates and times become ISO strings).
 */
enum QueryOutput {
  TSV,
  TABLE,
  CSV,
  JSON;

  private static final ObjectMapper JSON_MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** The text of the rows, every line ending in a newline; {@code columns} name them in order. */
  String format(List<String> columns, List<Map<String, Object>> rows) {
    StringBuilder out = new StringBuilder();
    switch (this) {
      case TSV -> {
        line(out, columns, "\t");
        for (Map<String, Object> r : rows) {
          line(out, cells(columns, r).stream().map(QueryOutput::flat).toList(), "\t");
        }
      }
      case CSV -> {
        line(out, columns.stream().map(QueryOutput::quoted).toList(), ",");
        for (Map<String, Object> r : rows) {
          line(out, cells(columns, r).stream().map(QueryOutput::quoted).toList(), ",");
        }
      }
      case TABLE -> table(out, columns, rows);
      case JSON -> {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Map<String, Object> r : rows) {
          Map<String, Object> v = new LinkedHashMap<>();
          for (String c : columns) {
            v.put(c, jsonValue(r.get(c)));
          }
          values.add(v);
        }
        try {
          out.append(JSON_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(values));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("cannot write the rows as JSON", e);
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> cells(List<String> columns, Map<String, Object> row) {
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      Object v = row.get(c);
      out.add(v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString());
    }
    return out;
  }

  private static void line(StringBuilder out, List<String> cells, String separator) {
    out.append(String.join(separator, cells)).append('\n');
  }

  /** A TSV cell: tabs and line breaks inside a value become spaces, so each row stays one line. */
  private static String flat(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static String quoted(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  private static Object jsonValue(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    return v.toString();
  }

  private static void table(
      StringBuilder out, List<String> columns, List<Map<String, Object>> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      cells.add(cells(columns, r).stream().map(QueryOutput::flat).toList());
    }
    int[] width = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      width[i] = columns.get(i).codePointCount(0, columns.get(i).length());
      for (List<String> row : cells) {
        width[i] = Math.max(width[i], row.get(i).codePointCount(0, row.get(i).length()));
      }
    }
    row(out, columns, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    row(out, rule, width);
    for (List<String> row : cells) {
      row(out, row, width);
    }
    out.append("(").append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
  }

  private static void row(StringBuilder out, List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      line.append(c).append(" ".repeat(width[i] - c.codePointCount(0, c.length())));
      if (i < cells.size() - 1) {
        line.append(" | ");
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
