package vn.dti.sample.gen;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An agency that receives dossiers or issues documents, valid during an interval.
 *
 * @param code the portal's agency identifier ({@code 000.00.13.H10})
 * @param level department, district or commune
 * @param provinceCode the statistics-office code of its province in its era
 * @param gsoCode the statistics-office code of the district (3 digits) or commune (5 digits); empty
 *     for departments
 * @param parentCode the district office a commune belongs to, or empty
 * @param weight its share of the province's dossiers, relative to the other units of the province
 */
record Unit(
    String code,
    String name,
    Level level,
    String provinceCode,
    String gsoCode,
    String parentCode,
    LocalDate validFrom,
    Optional<LocalDate> validTo,
    double weight) {

  enum Level {
    DEPARTMENT("department"),
    DISTRICT("district"),
    COMMUNE("commune");

    final String label;

    Level(String label) {
      this.label = label;
    }
  }

  boolean validOn(LocalDate day) {
    return !day.isBefore(validFrom) && validTo.map(day::isBefore).orElse(true);
  }
}
