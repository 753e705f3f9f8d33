package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The smallest volume on which a unit is judged: a unit whose {@code leaf} counts fewer than {@code
 * denominator} (its metric's denominator, e.g. dossiers received in the period) is scored and shown
 * but not ranked ("chưa đủ số liệu để xếp hạng"): three dossiers all on time say little about a
 * commune. Official indices (the 766, the DTI) declare none: every unit is ranked.
 *
 * @param leaf the measured leaf whose denominator is the volume
 * @param denominator the least volume ranked, inclusive
 * @param countedVi what the volume counts, in Vietnamese ("hồ sơ tiếp nhận")
 */
public record MinimumVolume(String leaf, BigDecimal denominator, String countedVi, int line) {
  /** The words the committee's workbook shows for a unit below the minimum. */
  public static final String NOT_RANKED_VI = "Chưa đủ số liệu để xếp hạng";

  public MinimumVolume {
    Objects.requireNonNull(leaf, "leaf");
    Objects.requireNonNull(denominator, "denominator");
    Objects.requireNonNull(countedVi, "countedVi");
  }

  /** Whether a unit with this volume (absent: nothing measured) is ranked. */
  public boolean ranks(java.util.Optional<BigDecimal> volume) {
    return volume.map(v -> v.compareTo(denominator) >= 0).orElse(false);
  }
}
