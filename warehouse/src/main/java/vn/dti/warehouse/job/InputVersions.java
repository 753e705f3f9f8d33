package vn.dti.warehouse.job;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.dti.warehouse.catalog.TableSpec;
import vn.dti.warehouse.table.TableStore;

/**
 * The versions of what a step read or wrote, as stored in the ledger: {@code
 * gold.dim_unit=3;silver.dossier=12}. Keys are table names (or {@code file:<name>} for files, with
 * a content digest as the "version").
 */
public record InputVersions(Map<String, String> versions) {

  public InputVersions {
    versions = Map.copyOf(versions);
  }

  /** The current versions of {@code tables}; tables that do not exist yet are left out. */
  public static InputVersions current(TableStore store, TableSpec... tables) {
    Map<String, String> m = new TreeMap<>();
    for (TableSpec t : tables) {
      store.version(t).ifPresent(v -> m.put(t.name(), String.valueOf(v)));
    }
    return new InputVersions(m);
  }

  /** The recorded Delta version of a table, or -1 when it was absent. */
  public long versionOf(TableSpec table) {
    return of(table.name()).map(Long::parseLong).orElse(-1L);
  }

  /** These versions plus one more entry. */
  public InputVersions with(String name, String version) {
    Map<String, String> m = new TreeMap<>(versions);
    m.put(name, version);
    return new InputVersions(m);
  }

  /** Whether the step's last successful execution read exactly these versions. */
  public boolean sameAs(Optional<StepRecord> last) {
    return last.map(r -> r.inputVersions().equals(this)).orElse(false);
  }

  /** Parses the text form written by {@link #text()}. */
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
