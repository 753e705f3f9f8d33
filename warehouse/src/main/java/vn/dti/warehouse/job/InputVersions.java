package vn.dti.warehouse.job;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The versions of what a step read or wrote, as stored in the ledger: {@code
 * gold.dim_unit=3;silver.dossier=12}. Keys are table names (or {@code file:<name>} for files, with
 * a content digest as the "version").
 */
public record InputVersions(Map<String, String> versions) {

  public InputVersions {
    versions = Map.copyOf(versions);
  }

  public static InputVersions parse(String text) {
    Map<String, String> m = new TreeMap<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          m.put(part.substring(0, eq), part.substring(eq + 1));
        }
      }
    }
    return new InputVersions(m);
  }

  /** The recorded version of one input. */
  public Optional<String> of(String name) {
    return Optional.ofNullable(versions.get(name));
  }

  /** The canonical text form, keys sorted. */
  public String text() {
    return new TreeMap<>(versions)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(";"));
  }

  @Override
  public String toString() {
    return text();
  }
}
