package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A named total over nodes that may overlap with other aggregates: the DTI's three pillars each
 * take the five foundation indices plus their own activity index. Its points are the sum of its
 * nodes' points, its value is points / {@code maxPoints}.
 *
 * @param of the node codes summed
 * @param maxPoints the denominator; the parser checks it equals the sum of the nodes' maxima
 */
public record Aggregate(
    String code, String nameVi, String nameEn, List<String> of, BigDecimal maxPoints, int line) {
  public Aggregate {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nameVi, "nameVi");
    Objects.requireNonNull(nameEn, "nameEn");
    of = List.copyOf(of);
    Objects.requireNonNull(maxPoints, "maxPoints");
  }
}
