package vn.dti.sample.gen;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A province in one era: one of the 63 until 2025-07-01, or one of the 34 from then on.
 *
 * @param hcode the national portal's code of the province ({@code H10})
 * @param population thousands of inhabitants (approximate), which sets its share of the volume
 */
record Province(
    String code,
    String name,
    String hcode,
    double population,
    LocalDate validFrom,
    Optional<LocalDate> validTo,
    String era) {

  boolean validOn(LocalDate day) {
    return !day.isBefore(validFrom) && validTo.map(day::isBefore).orElse(true);
  }
}
