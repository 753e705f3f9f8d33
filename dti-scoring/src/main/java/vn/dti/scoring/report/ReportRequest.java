package vn.dti.scoring.report;

import java.util.Objects;
import vn.dti.scoring.methodology.Methodology;

/**
 * One workbook asked for: a methodology's results for one period and scope, on the boundaries of
 * the period ({@code as_reported}) or restated on the 34 provinces of 2025.
 */
public record ReportRequest(
    String methodologyId, ReportPeriod period, ReportScope scope, String boundaries) {
  public ReportRequest {
    Objects.requireNonNull(methodologyId, "methodologyId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(boundaries, "boundaries");
  }

  /**
   * The workbook's file name, ASCII only and saying what is inside: {@code
   * bao-cao-qd766-2024-06-toan-quoc.xlsx}, {@code
   * bao-cao-province-units-monthly-2024-06-tinh-70.xlsx}, {@code …-toan-quoc-34-tinh.xlsx} when
   * restated.
   */
  public String fileName() {
    String name =
        "bao-cao-"
            + methodologyId
            + "-"
            + period.code().toLowerCase(java.util.Locale.ROOT)
            + "-"
            + scope.fileSlug()
            + (boundaries.equals(Methodology.RESTATED) ? "-34-tinh" : "")
            + ".xlsx";
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
