package vn.dti.scoring.explain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One unit's change of total points between two periods and where it came from.
 *
 * @param contributions one per node counted in either period, in methodology order; their {@code
 *     change} values add up exactly to {@code change}
 */
public record UnitChange(
    String unitCode,
    BigDecimal previousTotal,
    BigDecimal currentTotal,
    BigDecimal change,
    List<Contribution> contributions) {
  public UnitChange {
    Objects.requireNonNull(unitCode, "unitCode");
    contributions = List.copyOf(contributions);
  }

  /** The {@code n} largest gains, largest first. */
  public List<Contribution> topGains(int n) {
    return contributions.stream()
        .filter(c -> c.change().signum() > 0)
        .sorted((a, b) -> b.change().compareTo(a.change()))
        .limit(n)
        .toList();
  }

  /** The {@code n} largest losses, largest first. */
  public List<Contribution> topLosses(int n) {
    return contributions.stream()
        .filter(c -> c.change().signum() < 0)
        .sorted((a, b) -> a.change().compareTo(b.change()))
        .limit(n)
        .toList();
  }
}
