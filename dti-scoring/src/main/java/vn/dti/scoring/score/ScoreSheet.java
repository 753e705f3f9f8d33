package vn.dti.scoring.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dti.scoring.methodology.Methodology;

/**
 * The result of scoring: per unit (in input order) and code (nodes then aggregates, in declaration
 * order), a {@link NodeScore}.
 */
public record ScoreSheet(
    Methodology methodology,
    Map<String, String> unitNames,
    Map<String, Map<String, NodeScore>> scores) {

  /** One unit's score on one code. */
  public Optional<NodeScore> get(String unitCode, String code) {
    return Optional.ofNullable(scores.get(unitCode)).map(m -> m.get(code));
  }

  /** Every score, unit by unit. */
  public List<NodeScore> all() {
    List<NodeScore> out = new ArrayList<>();
    scores.values().forEach(m -> out.addAll(m.values()));
    return List.copyOf(out);
  }
}
