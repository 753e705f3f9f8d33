package vn.dti.scoring.methodology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated methodology: a tree of nodes with one root, overlapping aggregates, the metrics and
 * inputs its leaves use, targets, the unit levels and period it applies to, and how results are
 * published. Immutable; built by {@link MethodologyParser}, which has checked every reference.
 *
 * @param ref the id and the SHA-256 of the file's text, stamped on every result row
 * @param levels the unit levels scored: {@code province}, {@code department}, {@code district},
 *     {@code commune}
 * @param boundaries {@link #AS_REPORTED} (units as they were in the period) and, for provinces,
 *     {@link #RESTATED} (history restated on the 34 provinces of 2025 by aggregating the raw counts
 *     over the new units)
 * @param period the kind of period scored: {@code month}, {@code quarter}, {@code half} or {@code
 *     year}; one of {@code periodKinds}
 * @param minimumVolume the least volume a unit is ranked on, when the file declares one
 * @param applies the months the methodology applies to: only periods overlapping them are scored
 * @param periodKinds every kind of period the file is scored by, the first its main one (a
 *     quarter's or a year's figures are its own counts summed, never an average of months)
 * @param mergeRule how a province of the 2025 merger is scored before it existed ({@link
 *     #RESTATED})
 */
public record Methodology(
    MethodologyRef ref,
    String nameVi,
    String nameEn,
    List<String> levels,
    List<String> boundaries,
    String period,
    Publication publication,
    List<Node> nodes,
    List<Aggregate> aggregates,
    Map<String, Metric> metrics,
    List<Target> targets,
    Optional<MinimumVolume> minimumVolume,
    Applies applies,
    List<String> periodKinds,
    MergeRule mergeRule) {

  public Methodology {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(nameVi, "nameVi");
    Objects.requireNonNull(nameEn, "nameEn");
    levels = List.copyOf(levels);
    boundaries = List.copyOf(boundaries);
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(publication, "publication");
    nodes = List.copyOf(nodes);
    aggregates = List.copyOf(aggregates);
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    targets = List.copyOf(targets);
    Objects.requireNonNull(minimumVolume, "minimumVolume");
    Objects.requireNonNull(applies, "applies");
    periodKinds = List.copyOf(periodKinds);
    Objects.requireNonNull(mergeRule, "mergeRule");
    if (!periodKinds.contains(period)) {
      throw new IllegalArgumentException(period + " is not one of " + periodKinds);
    }
  }

  /** Units as they were in the period (63 provinces before 2025-07-01, 34 from then on). */
  public static final String AS_REPORTED = "as_reported";

  /** Provinces restated on the 34 of 2025: raw counts summed over each new province's parts. */
  public static final String RESTATED = "restated_2025";

  /** The same methodology scored by another of its kinds of period. */
  public Methodology inKind(String kind) {
    if (!periodKinds.contains(kind)) {
      throw new IllegalArgumentException(id() + " is not scored by " + kind + ": " + periodKinds);
    }
    return new Methodology(
        ref,
        nameVi,
        nameEn,
        levels,
        boundaries,
        kind,
        publication,
        nodes,
        aggregates,
        metrics,
        targets,
        minimumVolume,
        applies,
        periodKinds,
        mergeRule);
  }

  /**
   * The methodology in the kind of a period ({@code 2024-Q2} → its quarterly form).
   *
   * @throws IllegalArgumentException when the text names no period, or one of a kind the file is
   *     not scored by: "2022-06 is a month; dti-2022-province is scored by year"
   */
  public Methodology forPeriod(String period) {
    String kind = Periods.kind(period);
    if (!periodKinds.contains(kind)) {
      throw new IllegalArgumentException(
          period
              + " is a "
              + kind
              + "; "
              + id()
              + " is scored by "
              + String.join(", ", periodKinds));
    }
    return inKind(kind);
  }

  /** The methodology once for each of its kinds of period, its main one first. */
  public List<Methodology> byKind() {
    return periodKinds.stream().map(this::inKind).toList();
  }

  /** Whether this is the methodology's main kind of period. */
  public boolean mainKind() {
    return period.equals(periodKinds.get(0));
  }

  /** The methodology's id, e.g. {@code dti-2022-province}. */
  public String id() {
    return ref.id();
  }

  /** The node of that code. */
  public Optional<Node> node(String code) {
    return nodes.stream().filter(n -> n.code().equals(code)).findFirst();
  }

  /** The root: the one node that is nobody's child. */
  public Node root() {
    List<String> children = new ArrayList<>();
    nodes.forEach(n -> children.addAll(n.children()));
    return nodes.stream().filter(n -> !children.contains(n.code())).findFirst().orElseThrow();
  }

  /** The parent of a node, if it has one. */
  public Optional<Node> parent(String code) {
    return nodes.stream().filter(n -> n.children().contains(code)).findFirst();
  }

  /**
   * Every node code then every aggregate code, in declaration order: the rows of a unit's score
   * sheet.
   */
  public List<String> codes() {
    List<String> out = new ArrayList<>();
    nodes.forEach(n -> out.add(n.code()));
    aggregates.forEach(a -> out.add(a.code()));
    return List.copyOf(out);
  }

  /** The leaves, in declaration order. */
  public List<Node> leaves() {
    return nodes.stream().filter(Node::isLeaf).toList();
  }

  /** The target set on a node, if any. */
  public Optional<Target> target(String code) {
    return targets.stream().filter(t -> t.node().equals(code)).findFirst();
  }
}
