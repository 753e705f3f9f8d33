package vn.dti.scoring.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.warehouse.WarehouseException;

class MethodologyParserTest {
  /** A small valid file; {@code nodes} replaces its node list (lines 10 on). */
  static String file(String nodes, String extra) {
    return """
        id: test-m
        name_vi: Thử
        name_en: Test
        levels: [province]
        period: month
        publication:
          figure: points
          decimals: 2
        nodes:
        """
        + nodes
        + extra;
  }

  static final String TREE =
      """
        - code: T
          name_vi: Tổng
          name_en: Total
          max_points: 10
          children: [A, B]
        - code: A
          name_vi: A
          name_en: A
          max_points: 6
          metric: m1
          rule: {type: capped, target: 0.8}
        - code: B
          name_vi: B
          name_en: B
          max_points: 4
          input: B.1
          rule: boolean
      """;

  static final String METRICS =
      """
      metrics:
        m1:
          table: gold.fct_dossier_daily
          numerator: sum(online_count)
          denominator: sum(received_count)
      """;

  private static void fails(String text, String message) {
    assertThatThrownBy(() -> ScoringCatalog.parse("m.yaml", text))
        .isInstanceOf(WarehouseException.class)
        .hasMessage(message);
  }

  @Test
  void aValidFileGivesImmutableRecords() {
    Methodology m = ScoringCatalog.parse("m.yaml", file(TREE, METRICS));
    assertThat(m.id()).isEqualTo("test-m");
    assertThat(m.root().code()).isEqualTo("T");
    assertThat(m.node("A").orElseThrow().rule()).isEqualTo(new Rule.Capped(new BigDecimal("0.8")));
    assertThat(m.node("A").orElseThrow().source()).contains(new Node.Source.FromMetric("m1"));
    assertThat(m.node("B").orElseThrow().source()).contains(new Node.Source.FromInput("B.1"));
    assertThat(m.node("B").orElseThrow().line()).isEqualTo(21);
    assertThat(m.ref().hash()).hasSize(64);
    assertThat(m.codes()).containsExactly("T", "A", "B");
  }

  @Test
  void theShippedDtiFileIsValidWithDecision922Points() {
    Methodology m = ScoringCatalog.methodology("dti-2022-province");
    assertThat(m.root().maxPoints()).isEqualByComparingTo("1000");
    assertThat(m.root().children())
        .containsExactly("NTS", "TCS", "HTS", "NLS", "ATTT", "DTTM", "HDCQS", "HDKTS", "HDXHS");
    assertThat(m.node("HDCQS").orElseThrow().maxPoints()).isEqualByComparingTo("200");
    assertThat(m.node("DTTM").orElseThrow().isScored()).isFalse();
    assertThat(m.aggregates()).extracting(Aggregate::code).containsExactly("CQS", "KTS", "XHS");
    assertThat(m.leaves()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(
            m.leaves().stream()
                .filter(l -> l.source().orElseThrow() instanceof Node.Source.FromMetric))
        .hasSizeGreaterThanOrEqualTo(8);
    assertThat(
            m.leaves().stream()
                .filter(l -> l.source().orElseThrow() instanceof Node.Source.FromInput))
        .hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void childrenWhoseMaximaDoNotAddUpAreNamedWithTheParentsLine() {
    fails(
        file(TREE.replace("max_points: 4", "max_points: 5"), METRICS),
        "m.yaml, line 10: the children of T have maxima adding up to 11, not its max_points 10");
  }

  @Test
  void anUnknownMetricNamesTheOnesThereAre() {
    fails(
        file(TREE.replace("metric: m1", "metric: m2"), METRICS),
        "m.yaml, line 19: unknown metric 'm2'; the metrics of this file are m1");
  }

  @Test
  void aCycleIsFound() {
    String cyclic =
        TREE
            + """
              - code: C
                name_vi: C
                name_en: C
                max_points: 4
                children: [D]
              - code: D
                name_vi: D
                name_en: D
                max_points: 4
                children: [C]
            """;
    fails(file(cyclic, METRICS), "m.yaml, line 27: C is on a cycle: it is its own ancestor");
    // Attached to the tree, the same loop gives a node two parents.
    String twoParents =
        TREE
            + """
              - code: C
                name_vi: C
                name_en: C
                max_points: 0
                children: [B]
            """;
    fails(
        file(twoParents.replace("max_points: 10", "max_points: 10"), METRICS),
        "m.yaml, line 27: B is a child of both T and C");
  }

  @Test
  void aDuplicateCodeAndAnUndeclaredChildAreNamed() {
    fails(
        file(TREE.replace("- code: B", "- code: A"), METRICS),
        "m.yaml, line 21: code A is declared twice (first on line 15)");
    fails(
        file(TREE.replace("children: [A, B]", "children: [A, X]"), METRICS),
        "m.yaml, line 10: child X of T is not declared");
  }

  @Test
  void aRuleMissingItsParameterOrUnknownIsNamed() {
    fails(
        file(TREE.replace("{type: capped, target: 0.8}", "{type: capped}"), METRICS),
        "m.yaml, line 20: rule capped is missing its parameter 'target'");
    fails(
        file(TREE.replace("{type: capped, target: 0.8}", "capped"), METRICS),
        "m.yaml, line 20: rule capped needs parameters: [target]");
    fails(
        file(TREE.replace("{type: capped, target: 0.8}", "{type: sigmoid}"), METRICS),
        "m.yaml, line 20: unknown rule 'sigmoid'; the rules are ratio, capped, threshold, tiers,"
            + " boolean, goalposts, minmax");
    fails(
        file(
            TREE.replace("{type: capped, target: 0.8}", "{type: goalposts, lower: 5, upper: 1}"),
            METRICS),
        "m.yaml, line 20: rule goalposts: lower must be below upper");
  }

  @Test
  void aLeafNeedsASourceAndAnAggregateItsTrueMaximum() {
    fails(
        file(TREE.replace("    input: B.1\n", ""), METRICS),
        "m.yaml, line 21: leaf B needs exactly one of 'metric' or 'input'");
    fails(
        file(
            TREE,
            METRICS
                + """
                aggregates:
                  - code: P
                    name_vi: P
                    name_en: P
                    of: [A, B]
                    max_points: 9
                """),
        "m.yaml, line 37: aggregate P has max_points 9 but its nodes' maxima add up to 10");
  }

  @Test
  void aMetricOnATableOutsideGoldAndSilverAndATargetOnNothingAreRefused() {
    fails(
        file(TREE, METRICS.replace("gold.fct_dossier_daily", "bronze.portal_dossier")),
        "m.yaml, line 29: metric m1: 'bronze.portal_dossier' is not a gold or silver table of the catalog");
    fails(
        file(TREE, METRICS + "targets:\n  - node: Z\n    threshold: 0.8\n"),
        "m.yaml, line 33: target on unknown node Z");
  }

  @Test
  void boundariesAndJoinsAreChecked() {
    fails(
        file(TREE, METRICS).replace("period: month", "boundaries: [restated]\nperiod: month"),
        "m.yaml, line 5: boundaries 'restated' is not one of [as_reported, restated_2025]");
    fails(
        file(TREE, METRICS)
            .replace("levels: [province]", "levels: [commune]")
            .replace("period: month", "boundaries: [restated_2025]\nperiod: month"),
        "m.yaml, line 5: only provinces are restated on the 2025 boundaries; this methodology's"
            + " levels are [commune]");
    String joined =
        METRICS + "    join: {table: silver.procedures, on: procedure_code, prefix: proc_}\n";
    fails(
        file(TREE, joined),
        "m.yaml, line 32: metric m1: 'silver.procedures' is not a gold or silver table of the catalog");
    fails(
        file(TREE, joined.replace("silver.procedures", "silver.procedure").replace("proc_", "P")),
        "m.yaml, line 32: prefix 'P' must be lower-case letters and digits ending in '_'");
    Methodology ok =
        ScoringCatalog.parse(
            "m.yaml",
            file(TREE, joined.replace("silver.procedures", "silver.procedure"))
                .replace(
                    "period: month", "boundaries: [as_reported, restated_2025]\nperiod: month"));
    assertThat(ok.boundaries()).containsExactly("as_reported", "restated_2025");
    assertThat(ok.metrics().get("m1").join())
        .contains(new Metric.Join("silver.procedure", "procedure_code", "proc_"));
    assertThat(ok.metrics().get("m1").month()).isEqualTo("month");
  }

  /**
   * The shipped 766 file has the six groups of the reference table with their maxima (read here
   * from docs/reference/qd766_indicators.csv: CKMB 18, TDGQ 20, CLGQ 12, TTTT 10, MDSH 22, MDHL 18)
   * and TTTT's split 6 + 2 + 2.
   */
  @Test
  void theShipped766FileHasTheSixGroupsOfTheDecision() {
    Methodology m = ScoringCatalog.methodology("qd766");
    assertThat(m.root().code()).isEqualTo("TOTAL");
    assertThat(m.root().maxPoints()).isEqualByComparingTo("100");
    assertThat(m.root().children()).containsExactly("CKMB", "TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL");
    String[][] groups = {
      {"CKMB", "18"}, {"TDGQ", "20"}, {"CLGQ", "12"}, {"TTTT", "10"}, {"MDSH", "22"}, {"MDHL", "18"}
    };
    for (String[] g : groups) {
      assertThat(m.node(g[0]).orElseThrow().maxPoints()).as(g[0]).isEqualByComparingTo(g[1]);
    }
    assertThat(
            m.node("TTTT").orElseThrow().children().stream()
                .map(c -> m.node(c).orElseThrow().maxPoints().intValue())
                .toList())
        .containsExactly(6, 2, 2);
    assertThat(m.period()).isEqualTo("month");
    assertThat(m.publication().decimals()).isEqualTo(2);
    Methodology units = ScoringCatalog.methodology("province-units-monthly");
    assertThat(units.levels()).containsExactly("department", "district", "commune");
    assertThat(units.target("DVC.1").orElseThrow().threshold()).isEqualByComparingTo("0.8");
    assertThat(units.target("DVC.2").orElseThrow().threshold()).isEqualByComparingTo("0.5");
    assertThat(ScoringCatalog.registry(java.util.Optional.empty()).ids())
        .containsExactly(
            "dti-2022-province",
            "dti-2023-province",
            "dti-2024-province",
            "province-units-monthly",
            "qd766");
  }

  @Test
  void aMinimumVolumeMustCountAMeasuredLeaf() {
    assertThatThrownBy(
            () ->
                ScoringCatalog.parse(
                    "m.yaml",
                    file(
                        TREE,
                        METRICS
                            + "minimum_volume: {leaf: B, denominator: 5, counted_vi: hồ sơ}\n")))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("m.yaml")
        .hasMessageContaining("minimum_volume leaf B is not a leaf measured by a metric");
    Methodology m =
        ScoringCatalog.parse(
            "m.yaml",
            file(TREE, METRICS + "minimum_volume: {leaf: A, denominator: 5, counted_vi: hồ sơ}\n"));
    assertThat(m.minimumVolume().orElseThrow().denominator()).isEqualByComparingTo("5");
    assertThat(ScoringCatalog.methodology("qd766").minimumVolume()).isEmpty();
    assertThat(ScoringCatalog.methodology("dti-2022-province").minimumVolume()).isEmpty();
    assertThat(ScoringCatalog.methodology("province-units-monthly").minimumVolume()).isPresent();
  }

  /**
   * What a missed target needs, the denominator unchanged: 50 % of 7 dossiers is 3.5, so a unit
   * with 2 online needs 2 more (4 of 7); 80 % of 5 procedures is exactly 4, so 3 need 1 more.
   */
  @Test
  void aTargetSaysHowManyMoreItNeeds() {
    Methodology m = ScoringCatalog.methodology("province-units-monthly");
    Target dossiers = m.target("DVC.2").orElseThrow();
    Target procedures = m.target("DVC.1").orElseThrow();
    assertThat(dossiers.countedVi()).isEqualTo("hồ sơ");
    assertThat(procedures.countedVi()).isEqualTo("thủ tục");
    assertThat(dossiers.shortfall(new BigDecimal(2), new BigDecimal(7))).isEqualTo(2);
    assertThat(procedures.shortfall(new BigDecimal(3), new BigDecimal(5))).isEqualTo(1);
    assertThat(procedures.shortfall(new BigDecimal(4), new BigDecimal(5))).isZero();
    assertThat(dossiers.shortfall(BigDecimal.ZERO, BigDecimal.ZERO)).isZero();
  }
}
