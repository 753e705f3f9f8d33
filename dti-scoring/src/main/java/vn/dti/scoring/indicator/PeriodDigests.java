package vn.dti.scoring.indicator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.StepRecord;

/**
 * A digest of each period's figures (every group, unit and leaf with its numerator and
 * denominator), recorded with the scoring step's outputs so the next run can tell which periods
 * changed without reading the scores back. Fed chunk by chunk: each chunk's lines are sorted, and
 * the chunks come in a fixed order (level, scope), so the same figures always give the same
 * digests.
 *
 * <pre>
 * as_reported|province|VN|70|DVC.2|30.0|40.0 … ─► ledger: figures:2024-05 = 3f1c0a9be2d47a10
 * </pre>
 */
final class PeriodDigests {
  /** The ledger entry holding a period's figure digest: {@code figures:2024-05}. */
  private static final String DIGEST = "figures:";

  private final Map<String, MessageDigest> byPeriod = new TreeMap<>();

  /** The digests of these figures, by period. */
  static Map<String, String> of(List<Figure> figures) {
    PeriodDigests d = new PeriodDigests();
    d.add(figures);
    return d.result();
  }

  /** Adds one chunk's figures. */
  void add(List<Figure> figures) {
    Map<String, List<String>> lines = new TreeMap<>();
    for (Figure f : figures) {
      if (!f.scorable()) {
        continue;
      }
      lines
          .computeIfAbsent(f.period(), k -> new ArrayList<>())
          .add(
              String.join(
                  "|",
                  f.boundaries(),
                  f.level(),
                  f.scope(),
                  f.unit(),
                  f.leaf(),
                  String.valueOf(f.numerator()),
                  String.valueOf(f.denominator())));
    }
    lines.forEach(
        (period, l) -> {
          Collections.sort(l);
          MessageDigest md = byPeriod.computeIfAbsent(period, k -> sha256());
          for (String line : l) {
            md.update((line + "\n").getBytes(StandardCharsets.UTF_8));
          }
        });
  }

  /** The digests of the figures added, by period (once: a digest is finished when read). */
  Map<String, String> result() {
    Map<String, String> out = new TreeMap<>();
    byPeriod.forEach((p, md) -> out.put(p, HexFormat.of().formatHex(md.digest()).substring(0, 16)));
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The step's outputs with the digests recorded beside them. */
  static InputVersions recorded(InputVersions outputs, Map<String, String> digests) {
    InputVersions out = outputs;
    for (Map.Entry<String, String> d : digests.entrySet()) {
      out = out.with(DIGEST + d.getKey(), d.getValue());
    }
    return out;
  }

  /** The figure digests the last run recorded, by period. */
  static Map<String, String> stored(Optional<StepRecord> last) {
    Map<String, String> stored = new TreeMap<>();
    last.ifPresent(
        l ->
            l.outputVersions()
                .versions()
                .forEach(
                    (k, v) -> {
                      if (k.startsWith(DIGEST)) {
                        stored.put(k.substring(DIGEST.length()), v);
                      }
                    }));
    return stored;
  }

  /**
   * The periods whose rows must be rewritten, or empty when all must be (first run, another
   * methodology file, units renamed or remapped, no digests from the last run): those whose figure
   * digest differs from the last run's, and the period after each (its previous-period columns and
   * its change decomposition read the changed one). Periods no longer covered are rewritten with
   * nothing.
   */
  static Optional<List<String>> periodsToRewrite(
      Methodology m, Optional<StepRecord> last, InputVersions inputs, Map<String, String> digests) {
    if (last.isEmpty()) {
      return Optional.empty();
    }
    for (String everything :
        List.of("methodology:" + m.id(), Tables.GOLD_DIM_UNIT.name(), Tables.SILVER_UNIT.name())) {
      if (!inputs.of(everything).equals(last.get().inputVersions().of(everything))) {
        return Optional.empty();
      }
    }
    Map<String, String> stored = stored(last);
    if (stored.isEmpty() && !digests.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<String> all = new TreeSet<>(stored.keySet());
    all.addAll(digests.keySet());
    TreeSet<String> rewrite = new TreeSet<>();
    for (String p : all) {
      if (!Objects.equals(stored.get(p), digests.get(p))) {
        rewrite.add(p);
        String next = all.higher(p);
        if (next != null) {
          rewrite.add(next);
        }
      }
    }
    return Optional.of(List.copyOf(rewrite));
  }
}
