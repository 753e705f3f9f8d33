package vn.dti.scoring.score;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What one unit is scored on.
 *
 * @param observations leaf code → its figure; a leaf without one follows its empty policy
 * @param supplied node code → a value from outside (0..1): the node takes it as is, and the nodes
 *     below it are ignored
 */
public record UnitInput(
    String unitCode,
    String unitName,
    Map<String, Observation> observations,
    Map<String, BigDecimal> supplied) {
  public UnitInput {
    Objects.requireNonNull(unitCode, "unitCode");
    Objects.requireNonNull(unitName, "unitName");
    observations = Map.copyOf(observations);
    supplied = Map.copyOf(supplied);
  }
}
