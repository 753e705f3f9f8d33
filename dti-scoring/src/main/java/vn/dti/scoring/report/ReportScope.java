package vn.dti.scoring.report;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose units a workbook ranks: the provinces nationally, or one province's own departments,
 * districts and communes.
 *
 * @param provinceCode empty for the national scope
 */
public record ReportScope(Optional<String> provinceCode) {
  /** The scope code of a national ranking in the scoring tables. */
  public static final String NATIONAL_CODE = "VN";

  public ReportScope {
    Objects.requireNonNull(provinceCode, "provinceCode");
  }

  /** The provinces, ranked nationally. */
  public static ReportScope national() {
    return new ReportScope(Optional.empty());
  }

  /** A province's own units. */
  public static ReportScope province(String code) {
    return new ReportScope(Optional.of(code));
  }

  /**
   * The scope a command line names: {@code national} or {@code province:<code>}; empty when it is
   * neither.
   */
  public static Optional<ReportScope> parse(String text) {
    String t = text.trim();
    if (t.equals("national")) {
      return Optional.of(national());
    }
    if (t.startsWith("province:") && t.length() > "province:".length()) {
      return Optional.of(province(t.substring("province:".length())));
    }
    return Optional.empty();
  }

  /** Whether the provinces are ranked nationally. */
  public boolean isNational() {
    return provinceCode.isEmpty();
  }

  /** The {@code scope_code} of the scoring tables' rows. */
  public String scopeCode() {
    return provinceCode.orElse(NATIONAL_CODE);
  }

  /** The command line's form. */
  public String id() {
    return provinceCode.map(c -> "province:" + c).orElse("national");
  }

  /** The part of a file name: {@code toan-quoc} or {@code tinh-70}. */
  public String fileSlug() {
    return provinceCode.map(c -> "tinh-" + c).orElse("toan-quoc");
  }
}
