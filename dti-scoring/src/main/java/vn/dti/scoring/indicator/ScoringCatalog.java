package vn.dti.scoring.indicator;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.dti.scoring.methodology.Methodologies;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.MethodologyParser;
import vn.dti.warehouse.catalog.Layer;
import vn.dti.warehouse.catalog.Tables;

/**
 * Methodologies read against the warehouse's catalog: the pure core ({@code methodology}, {@code
 * score}, {@code rank}, {@code uncertainty}, {@code explain}) takes the tables a metric may read as
 * a parameter, and this is where the warehouse gives them (held by ScoringArchitectureTest).
 */
public final class ScoringCatalog {
  private ScoringCatalog() {}

  /** The tables a metric may read: every gold and silver table of the catalog. */
  public static Set<String> sourceTables() {
    return Tables.ALL.stream()
        .filter(t -> t.layer() == Layer.GOLD || t.layer() == Layer.SILVER)
        .map(t -> t.name())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The shipped methodologies and those of the operator's folder, when one is configured. */
  public static Methodologies registry(Optional<Path> operatorDir) {
    return Methodologies.load(operatorDir, sourceTables());
  }

  /** A shipped methodology by id, or a methodology file by path, checked against the catalog. */
  public static Methodology methodology(String idOrFile) {
    return Shipped.REGISTRY.resolve(idOrFile, sourceTables());
  }

  /** A methodology of the registry by id, or a methodology file by path. */
  public static Methodology methodology(Methodologies registry, String idOrFile) {
    return registry.resolve(idOrFile, sourceTables());
  }

  /** A methodology document, checked against the catalog. */
  public static Methodology parse(String origin, String text) {
    return MethodologyParser.parse(origin, text, sourceTables());
  }

  /** The shipped files, read once. */
  private static final class Shipped {
    static final Methodologies REGISTRY = registry(Optional.empty());
  }
}
