package vn.dti.etl.quality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.dti.etl.silver.ReasonCode;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.config.YamlNode;

/**
 * The set of declared quality rules, parsed and validated: every rule names a silver table of the
 * catalog, a known severity and a predicate; codes are unique and do not reuse a built-in {@link
 * ReasonCode}. Whether each predicate compiles against its table is checked by {@link
 * QualityCheck#validate} before any record is judged.
 */
public final class QualityRules {
  /** The rules shipped with the product. */
  public static final String RESOURCE = "/quality/rules.yaml";

  private static final Set<String> TOP_KEYS = Set.of("rules");
  private static final Set<String> RULE_KEYS =
      Set.of("code", "table", "severity", "description", "description_vi", "violation");

  private final List<QualityRule> rules;

  private QualityRules(List<QualityRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The shipped rules. */
  public static QualityRules standard() {
    try (InputStream in = QualityRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return parse("quality/rules.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /** Rules from a file (an operator's own set). */
  public static QualityRules fromFile(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new WarehouseException(
          "Cannot read the quality rules file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses and validates a rules document.
   *
   * @throws WarehouseException naming the file and line of the first problem
   */
  public static QualityRules parse(String origin, String text) {
    YamlNode root = YamlNode.parse(origin, text).allowOnly(TOP_KEYS);
    List<QualityRule> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (YamlNode r : root.required("rules").elements()) {
      r.allowOnly(RULE_KEYS);
      String code = r.string("code");
      if (!code.matches("[A-Z][A-Z0-9_]*")) {
        throw r.required("code").error("code '" + code + "' must be UPPER_SNAKE_CASE");
      }
      Integer before = seen.putIfAbsent(code, r.line());
      if (before != null) {
        throw r.required("code")
            .error("code " + code + " is declared twice (first on line " + before + ")");
      }
      if (isBuiltIn(code)) {
        throw r.required("code")
            .error("code " + code + " is a built-in reason code; give the rule its own code");
      }
      String table = r.string("table");
      TableSpec spec =
          Tables.byName(table)
              .filter(t -> t.layer() == Layer.SILVER)
              .orElseThrow(
                  () ->
                      r.required("table")
                          .error(
                              "'"
                                  + table
                                  + "' is not a silver table of the catalog; rules apply to "
                                  + String.join(
                                      ", ",
                                      Tables.inLayer(Layer.SILVER).stream()
                                          .map(TableSpec::name)
                                          .toList())));
      String severity = r.string("severity");
      QualityRule.Severity sev;
      try {
        sev = QualityRule.Severity.valueOf(severity.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw r.required("severity")
            .error("severity '" + severity + "' is not one of reject, warn");
      }
      out.add(
          new QualityRule(
              code,
              spec.name(),
              sev,
              r.string("description"),
              r.string("description_vi"),
              r.string("violation"),
              r.line()));
    }
    return new QualityRules(out);
  }

  private static boolean isBuiltIn(String code) {
    for (ReasonCode c : ReasonCode.values()) {
      if (c.name().equals(code)) {
        return true;
      }
    }
    return false;
  }

  /** Every rule, in file order. */
  public List<QualityRule> all() {
    return rules;
  }

  /** The rules of one table, in file order (rejecting rules are applied in this order). */
  public List<QualityRule> forTable(TableSpec table) {
    return rules.stream().filter(r -> r.table().equals(table.name())).toList();
  }
}
