package vn.dti.scoring.methodology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.config.YamlNode;

/**
 * Reads a methodology file and validates it before anything is scored. Every problem is reported
 * with the file and line: unknown keys, duplicate codes, a child that does not exist or has two
 * parents, a cycle, children whose maxima do not add up to their parent's, a leaf without a source,
 * an unknown metric, a rule missing a parameter, an aggregate whose maximum is not the sum of its
 * nodes', a target on an unknown node.
 */
public final class MethodologyParser {
  static final Set<String> LEVELS = Set.of("province", "department", "district", "commune");
  static final Set<String> PERIODS = Set.of("month", "quarter", "half", "year");

  private static final Set<String> TOP =
      Set.of(
          "id",
          "name_vi",
          "name_en",
          "levels",
          "period",
          "periods",
          "publication",
          "nodes",
          "aggregates",
          "metrics",
          "targets",
          "boundaries",
          "minimum_volume",
          "applies",
          "merge_rule",
          "description");
  private static final Set<String> NODE =
      Set.of(
          "code",
          "name_vi",
          "name_en",
          "max_points",
          "children",
          "metric",
          "input",
          "rule",
          "when_empty",
          "description");
  private static final Set<String> AGGREGATE =
      Set.of("code", "name_vi", "name_en", "of", "max_points");
  private static final Set<String> METRIC =
      Set.of("table", "numerator", "denominator", "filter", "month", "join");
  static final Set<String> BOUNDARIES = Set.of(Methodology.AS_REPORTED, Methodology.RESTATED);

  private MethodologyParser() {}

  /**
   * Parses and validates a methodology document.
   *
   * @param origin the file's name, for messages
   * @param sourceTables the tables a metric may read ({@code gold.fct_dossier_daily}): the
   *     warehouse's gold and silver tables, given by the caller so that this package does not
   *     depend on the warehouse's catalog
   * @throws WarehouseException naming the file and line of the first problem
   */
  public static Methodology parse(String origin, String text, Set<String> sourceTables) {
    YamlNode root = YamlNode.parse(origin, text).allowOnly(TOP);
    String id = root.string("id");
    if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
      throw root.required("id")
          .error("id '" + id + "' must be lower case letters, digits, '-' and '.'");
    }
    List<String> levels = new ArrayList<>();
    for (YamlNode l : root.required("levels").elements()) {
      if (!LEVELS.contains(l.text())) {
        throw l.error("level '" + l.text() + "' is not one of " + sorted(LEVELS));
      }
      levels.add(l.text());
    }
    List<String> boundaries = new ArrayList<>();
    for (YamlNode b : root.get("boundaries").map(YamlNode::elements).orElse(List.of())) {
      if (!BOUNDARIES.contains(b.text())) {
        throw b.error("boundaries '" + b.text() + "' is not one of " + sorted(BOUNDARIES));
      }
      if (b.text().equals(Methodology.RESTATED) && !levels.contains("province")) {
        throw b.error(
            "only provinces are restated on the 2025 boundaries; this methodology's levels are "
                + levels);
      }
      boundaries.add(b.text());
    }
    if (boundaries.isEmpty()) {
      boundaries.add(Methodology.AS_REPORTED);
    }
    if (!boundaries.contains(Methodology.AS_REPORTED)) {
      // Restated self-assessed leaves are the mean of the parts' values as reported.
      throw root.required("boundaries")
          .error("restated_2025 is scored alongside as_reported: list both");
    }
    List<String> kinds = new ArrayList<>();
    if (root.get("period").isPresent() == root.get("periods").isPresent()) {
      throw root.error(
          "give either period: month or periods: [month, quarter, year] (the first the main one)");
    }
    for (YamlNode k :
        root.get("periods").isPresent()
            ? root.required("periods").elements()
            : List.of(root.required("period"))) {
      if (!PERIODS.contains(k.text())) {
        throw k.error("period '" + k.text() + "' is not one of " + sorted(PERIODS));
      }
      if (kinds.contains(k.text())) {
        throw k.error("period " + k.text() + " is listed twice");
      }
      kinds.add(k.text());
    }
    if (kinds.isEmpty()) {
      throw root.required("periods").error("periods lists no kind of period");
    }
    String period = kinds.get(0);
    Publication publication = publication(root.required("publication"));
    Map<String, Metric> metrics = new LinkedHashMap<>();
    root.get("metrics")
        .ifPresent(
            m ->
                m.entries()
                    .forEach((name, def) -> metrics.put(name, metric(name, def, sourceTables))));
    Map<String, Integer> lines = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    for (YamlNode n : root.required("nodes").elements()) {
      Node node = node(n, metrics);
      Integer before = lines.putIfAbsent(node.code(), node.line());
      if (before != null) {
        throw n.required("code")
            .error("code " + node.code() + " is declared twice (first on line " + before + ")");
      }
      nodes.add(node);
    }
    checkTree(root.required("nodes"), nodes);
    List<Aggregate> aggregates = new ArrayList<>();
    for (YamlNode a : root.get("aggregates").map(YamlNode::elements).orElse(List.of())) {
      Aggregate agg = aggregate(a, nodes);
      Integer before = lines.putIfAbsent(agg.code(), agg.line());
      if (before != null) {
        throw a.required("code")
            .error("code " + agg.code() + " is declared twice (first on line " + before + ")");
      }
      aggregates.add(agg);
    }
    List<Target> targets = new ArrayList<>();
    for (YamlNode t : root.get("targets").map(YamlNode::elements).orElse(List.of())) {
      t.allowOnly(Set.of("node", "threshold", "counted_vi"));
      String code = t.string("node");
      if (!lines.containsKey(code)) {
        throw t.required("node").error("target on unknown node " + code);
      }
      BigDecimal threshold = decimal(t.required("threshold"));
      if (threshold.signum() < 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
        throw t.required("threshold")
            .error("threshold " + threshold + " is a share of the maximum and must lie in 0..1");
      }
      targets.add(
          new Target(
              code,
              threshold,
              t.get("counted_vi").map(YamlNode::text).orElse(Target.DEFAULT_COUNTED_VI),
              t.line()));
    }
    Optional<MinimumVolume> minimum = Optional.empty();
    if (root.get("minimum_volume").isPresent()) {
      YamlNode v =
          root.required("minimum_volume").allowOnly(Set.of("leaf", "denominator", "counted_vi"));
      String leaf = v.string("leaf");
      Optional<Node> n = nodes.stream().filter(x -> x.code().equals(leaf)).findFirst();
      if (n.isEmpty()
          || !n.get().isLeaf()
          || !(n.get().source().orElse(null) instanceof Node.Source.FromMetric)) {
        throw v.required("leaf")
            .error("minimum_volume leaf " + leaf + " is not a leaf measured by a metric");
      }
      BigDecimal least = decimal(v.required("denominator"));
      if (least.signum() <= 0) {
        throw v.required("denominator").error("minimum_volume denominator must be above 0");
      }
      minimum = Optional.of(new MinimumVolume(leaf, least, v.string("counted_vi"), v.line()));
    }
    return new Methodology(
        new MethodologyRef(id, text),
        root.string("name_vi"),
        root.string("name_en"),
        levels,
        boundaries,
        period,
        publication,
        nodes,
        aggregates,
        metrics,
        targets,
        minimum,
        applies(root),
        kinds,
        mergeRule(root, boundaries));
  }

  /** {@code merge_rule}: sum_of_counts (the default) or average_of_parts, for restated files. */
  private static MergeRule mergeRule(YamlNode root, List<String> boundaries) {
    if (root.get("merge_rule").isEmpty()) {
      return MergeRule.SUM_OF_COUNTS;
    }
    YamlNode r = root.required("merge_rule");
    MergeRule rule;
    try {
      rule = MergeRule.valueOf(r.text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw r.error("merge_rule '" + r.text() + "' is not one of average_of_parts, sum_of_counts");
    }
    if (!boundaries.contains(Methodology.RESTATED)) {
      throw r.error("merge_rule applies to files restated on the 2025 boundaries (restated_2025)");
    }
    return rule;
  }

  /** The months of {@code applies: {from: 2024, to: 2024}}; always, when the file says nothing. */
  private static Applies applies(YamlNode root) {
    if (root.get("applies").isEmpty()) {
      return Applies.ALWAYS;
    }
    YamlNode a = root.required("applies").allowOnly(Set.of("from", "to"));
    Optional<java.time.YearMonth> from = Optional.empty();
    Optional<java.time.YearMonth> to = Optional.empty();
    try {
      if (a.get("from").isPresent()) {
        from = Optional.of(Applies.bound(a.required("from").text(), false));
      }
    } catch (IllegalArgumentException e) {
      throw a.required("from").error("applies from " + e.getMessage());
    }
    try {
      if (a.get("to").isPresent()) {
        to = Optional.of(Applies.bound(a.required("to").text(), true));
      }
    } catch (IllegalArgumentException e) {
      throw a.required("to").error("applies to " + e.getMessage());
    }
    if (from.isEmpty() && to.isEmpty()) {
      throw a.error("applies needs from, to or both (e.g. applies: {from: 2024, to: 2024})");
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw a.error("applies from " + from.get() + " is after its end " + to.get());
    }
    return new Applies(from, to);
  }

  private static Publication publication(YamlNode p) {
    p.allowOnly(Set.of("figure", "decimals"));
    String figure = p.string("figure");
    Publication.Figure f;
    try {
      f = Publication.Figure.valueOf(figure.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw p.required("figure").error("figure '" + figure + "' is not one of value, points");
    }
    BigDecimal d = decimal(p.required("decimals"));
    if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0
        || d.intValue() < 0
        || d.intValue() > 8) {
      throw p.required("decimals").error("decimals must be a whole number from 0 to 8");
    }
    return new Publication(f, d.intValue());
  }

  private static Metric metric(String name, YamlNode m, Set<String> sourceTables) {
    m.allowOnly(METRIC);
    String table = m.string("table");
    if (!sourceTables.contains(table)) {
      throw m.required("table")
          .error(
              "metric " + name + ": '" + table + "' is not a gold or silver table of the catalog");
    }
    Optional<Metric.Join> join = Optional.empty();
    if (m.get("join").isPresent()) {
      YamlNode j = m.required("join").allowOnly(Set.of("table", "on", "prefix"));
      String joined = j.string("table");
      if (!sourceTables.contains(joined)) {
        throw j.required("table")
            .error(
                "metric "
                    + name
                    + ": '"
                    + joined
                    + "' is not a gold or silver table of the catalog");
      }
      String prefix = j.string("prefix");
      if (!prefix.matches("[a-z][a-z0-9_]*_")) {
        throw j.required("prefix")
            .error("prefix '" + prefix + "' must be lower-case letters and digits ending in '_'");
      }
      join = Optional.of(new Metric.Join(joined, j.string("on"), prefix));
    }
    return new Metric(
        name,
        table,
        m.string("numerator"),
        m.string("denominator"),
        m.optionalString("filter"),
        m.optionalString("month").orElse("month"),
        join,
        m.line());
  }

  private static Node node(YamlNode n, Map<String, Metric> metrics) {
    n.allowOnly(NODE);
    String code = n.string("code");
    if (!code.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw n.required("code").error("code '" + code + "' may hold letters, digits, '.', '_', '-'");
    }
    BigDecimal max = decimal(n.required("max_points"));
    if (max.signum() < 0) {
      throw n.required("max_points").error("max_points of " + code + " cannot be negative");
    }
    List<String> children = new ArrayList<>();
    n.get("children").ifPresent(c -> c.elements().forEach(e -> children.add(e.text())));
    Optional<String> metric = n.optionalString("metric");
    Optional<String> input = n.optionalString("input");
    if (children.isEmpty()) {
      if (metric.isPresent() == input.isPresent()) {
        throw n.error("leaf " + code + " needs exactly one of 'metric' or 'input'");
      }
    } else if (metric.isPresent() || input.isPresent() || n.get("rule").isPresent()) {
      throw n.error(
          code
              + " has children: its points are theirs; 'metric', 'input' and 'rule' belong to leaves");
    }
    if (metric.isPresent() && !metrics.containsKey(metric.get())) {
      throw n.required("metric")
          .error(
              "unknown metric '"
                  + metric.get()
                  + "'; the metrics of this file are "
                  + (metrics.isEmpty() ? "none" : String.join(", ", metrics.keySet())));
    }
    Optional<Node.Source> source =
        metric
            .<Node.Source>map(Node.Source.FromMetric::new)
            .or(() -> input.map(Node.Source.FromInput::new));
    Rule rule =
        n.get("rule").map(MethodologyParser::rule).orElse(new Rule.Ratio(Rule.Direction.HIGHER));
    Node.EmptyPolicy empty = Node.EmptyPolicy.ZERO;
    if (n.get("when_empty").isPresent()) {
      String w = n.string("when_empty");
      try {
        empty = Node.EmptyPolicy.valueOf(w.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw n.required("when_empty")
            .error("when_empty '" + w + "' is not one of zero, full, not_applicable, impute");
      }
    }
    return new Node(
        code,
        n.string("name_vi"),
        n.string("name_en"),
        max,
        children,
        source,
        rule,
        empty,
        n.line());
  }

  /** A rule: its type name alone, or a mapping with {@code type} and the type's parameters. */
  static Rule rule(YamlNode r) {
    String type = r.isScalar() ? r.text() : r.string("type");
    Set<String> params =
        switch (type) {
          case "ratio", "minmax" -> Set.of("type", "direction");
          case "boolean" -> Set.of("type");
          case "capped" -> Set.of("type", "target");
          case "threshold" -> Set.of("type", "at", "direction");
          case "goalposts" -> Set.of("type", "lower", "upper", "direction");
          case "tiers" -> Set.of("type", "tiers");
          default ->
              throw r.error(
                  "unknown rule '"
                      + type
                      + "'; the rules are ratio, capped, threshold, tiers, boolean, goalposts,"
                      + " minmax");
        };
    if (r.isScalar()) {
      if (params.size() > 1 && !type.equals("ratio") && !type.equals("minmax")) {
        throw r.error("rule " + type + " needs parameters: " + sorted(without(params, "type")));
      }
      return type.equals("boolean")
          ? new Rule.Bool()
          : type.equals("minmax")
              ? new Rule.MinMax(Rule.Direction.HIGHER)
              : new Rule.Ratio(Rule.Direction.HIGHER);
    }
    r.allowOnly(params);
    try {
      return switch (type) {
        case "ratio" -> new Rule.Ratio(direction(r));
        case "minmax" -> new Rule.MinMax(direction(r));
        case "boolean" -> new Rule.Bool();
        case "capped" -> new Rule.Capped(decimal(param(r, type, "target")));
        case "threshold" -> new Rule.Threshold(decimal(param(r, type, "at")), direction(r));
        case "goalposts" ->
            new Rule.Goalposts(
                decimal(param(r, type, "lower")), decimal(param(r, type, "upper")), direction(r));
        default -> {
          List<Rule.Tiers.Tier> tiers = new ArrayList<>();
          for (YamlNode t : param(r, type, "tiers").elements()) {
            t.allowOnly(Set.of("from", "value"));
            tiers.add(
                new Rule.Tiers.Tier(decimal(t.required("from")), decimal(t.required("value"))));
          }
          yield new Rule.Tiers(tiers);
        }
      };
    } catch (IllegalArgumentException e) {
      throw r.error("rule " + type + ": " + e.getMessage());
    }
  }

  private static YamlNode param(YamlNode r, String type, String name) {
    return r.get(name)
        .orElseThrow(() -> r.error("rule " + type + " is missing its parameter '" + name + "'"));
  }

  private static Rule.Direction direction(YamlNode r) {
    if (r.get("direction").isEmpty()) {
      return Rule.Direction.HIGHER;
    }
    String d = r.string("direction");
    return switch (d) {
      case "higher_is_better" -> Rule.Direction.HIGHER;
      case "lower_is_better" -> Rule.Direction.LOWER;
      default ->
          throw r.required("direction")
              .error("direction '" + d + "' is not one of higher_is_better, lower_is_better");
    };
  }

  private static Aggregate aggregate(YamlNode a, List<Node> nodes) {
    a.allowOnly(AGGREGATE);
    String code = a.string("code");
    Map<String, Node> byCode = new HashMap<>();
    nodes.forEach(n -> byCode.put(n.code(), n));
    List<String> of = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (YamlNode e : a.required("of").elements()) {
      Node n = byCode.get(e.text());
      if (n == null) {
        throw e.error("aggregate " + code + " sums unknown node " + e.text());
      }
      of.add(n.code());
      sum = sum.add(n.maxPoints());
    }
    BigDecimal max = decimal(a.required("max_points"));
    if (max.compareTo(sum) != 0) {
      throw a.required("max_points")
          .error(
              "aggregate "
                  + code
                  + " has max_points "
                  + max.toPlainString()
                  + " but its nodes' maxima add up to "
                  + sum.toPlainString());
    }
    return new Aggregate(code, a.string("name_vi"), a.string("name_en"), of, max, a.line());
  }

  /** One root, every child declared and under one parent, no cycle, maxima that add up. */
  private static void checkTree(YamlNode at, List<Node> nodes) {
    Map<String, Node> byCode = new LinkedHashMap<>();
    nodes.forEach(n -> byCode.put(n.code(), n));
    Map<String, String> parentOf = new HashMap<>();
    for (Node n : nodes) {
      BigDecimal sum = BigDecimal.ZERO;
      for (String c : n.children()) {
        Node child = byCode.get(c);
        if (child == null) {
          throw error(at, n, "child " + c + " of " + n.code() + " is not declared");
        }
        String other = parentOf.putIfAbsent(c, n.code());
        if (other != null) {
          throw error(at, n, c + " is a child of both " + other + " and " + n.code());
        }
        sum = sum.add(child.maxPoints());
      }
      if (!n.isLeaf() && sum.compareTo(n.maxPoints()) != 0) {
        throw error(
            at,
            n,
            "the children of "
                + n.code()
                + " have maxima adding up to "
                + sum.toPlainString()
                + ", not its max_points "
                + n.maxPoints().toPlainString());
      }
    }
    List<Node> roots = nodes.stream().filter(n -> !parentOf.containsKey(n.code())).toList();
    if (roots.size() != 1) {
      String which =
          roots.isEmpty()
              ? "none (every node is a child: a cycle)"
              : String.join(", ", roots.stream().map(Node::code).toList());
      throw at.error("the tree must have exactly one root (the total); found " + which);
    }
    // With one root and one parent each, a node not reachable from the root sits on a cycle.
    Set<String> reached = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(roots.get(0).code()));
    while (!todo.isEmpty()) {
      String c = todo.remove(todo.size() - 1);
      if (reached.add(c)) {
        todo.addAll(byCode.get(c).children());
      }
    }
    for (Node n : nodes) {
      if (!reached.contains(n.code())) {
        throw error(at, n, n.code() + " is on a cycle: it is its own ancestor");
      }
    }
  }

  private static WarehouseException error(YamlNode file, Node n, String message) {
    return new WarehouseException(file.origin() + ", line " + n.line() + ": " + message);
  }

  private static BigDecimal decimal(YamlNode v) {
    try {
      return new BigDecimal(v.text());
    } catch (NumberFormatException e) {
      throw v.error("'" + v.text() + "' is not a number");
    }
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private static Set<String> without(Set<String> s, String x) {
    Set<String> out = new HashSet<>(s);
    out.remove(x);
    return out;
  }
}
