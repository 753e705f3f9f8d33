package vn.dti.scoring.score;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dti.scoring.testing.Fixtures.DTI;
import static vn.dti.scoring.testing.Fixtures.SMALL;
import static vn.dti.scoring.testing.Fixtures.mainIndices;
import static vn.dti.scoring.testing.Fixtures.obs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dti.scoring.indicator.ScoringCatalog;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.score.NodeScore.Basis;

class ScorerTest {
  private static String published(ScoreSheet s, String unit, String code) {
    return s.get(unit, code).orElseThrow().published().orElseThrow().toPlainString();
  }

  private static int rank(ScoreSheet s, String unit, String code) {
    return s.get(unit, code).orElseThrow().rank().orElseThrow();
  }

  /**
   * Worked by hand with Decision 922's formulas: points = value × max; DTI = Σ points / 1000; CQS =
   * (five foundations + HDCQS) / 700; KTS and XHS likewise over 650.
   *
   * <pre>
   * A: 80+70+90+60+50 = 350; +150 +90 +75      = 665     → DTI 0.6650 CQS 500/700 = 0.7143 KTS 440/650 = 0.6769 XHS 425/650 = 0.6538
   * B: 70+80+90+50+60 = 350; +140 +105 +79.995 = 674.995 → DTI 0.6750 CQS 0.7000 KTS 0.7000 XHS 429.995/650 = 0.6615
   * C: 5 × 90 = 450; +100 +75 +40.005          = 665.005 → DTI 0.6650 (tied with A) CQS 0.7857 KTS 0.8077 XHS 0.7539
   * D: all 0.5                                  = 500     → DTI 0.5000, every pillar 0.5000
   * </pre>
   */
  @Test
  void dtiAndOverlappingPillarsFollowDecision922WithTiedRanks() {
    ScoreSheet s =
        new Scorer(DTI, Scorer.Missing.ABSENT)
            .score(
                List.of(
                    mainIndices(
                        "A", "0.8", "0.7", "0.9", "0.6", "0.5", "0.4", "0.75", "0.6", "0.5"),
                    mainIndices(
                        "B", "0.7", "0.8", "0.9", "0.5", "0.6", "0.9", "0.7", "0.7", "0.5333"),
                    mainIndices(
                        "C", "0.9", "0.9", "0.9", "0.9", "0.9", "0", "0.5", "0.5", "0.2667"),
                    mainIndices(
                        "D", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5")));
    assertThat(published(s, "A", "DTI")).isEqualTo("0.6650");
    assertThat(published(s, "B", "DTI")).isEqualTo("0.6750");
    assertThat(published(s, "C", "DTI")).isEqualTo("0.6650");
    assertThat(published(s, "D", "DTI")).isEqualTo("0.5000");
    assertThat(
            List.of(
                rank(s, "A", "DTI"), rank(s, "B", "DTI"), rank(s, "C", "DTI"), rank(s, "D", "DTI")))
        .containsExactly(2, 1, 2, 4);
    assertThat(published(s, "A", "CQS")).isEqualTo("0.7143");
    assertThat(published(s, "A", "KTS")).isEqualTo("0.6769");
    assertThat(published(s, "A", "XHS")).isEqualTo("0.6538");
    assertThat(published(s, "B", "CQS")).isEqualTo("0.7000");
    assertThat(published(s, "B", "XHS")).isEqualTo("0.6615");
    assertThat(published(s, "C", "CQS")).isEqualTo("0.7857");
    assertThat(published(s, "C", "KTS")).isEqualTo("0.8077");
    assertThat(published(s, "C", "XHS")).isEqualTo("0.7539");
    assertThat(
            List.of(
                rank(s, "C", "CQS"), rank(s, "A", "CQS"), rank(s, "B", "CQS"), rank(s, "D", "CQS")))
        .containsExactly(1, 2, 3, 4);
    // The exact points, before rounding: DTI is not a weighted mix of the pillars.
    assertThat(s.get("B", "DTI").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("674.995");
    assertThat(s.get("A", "HDCQS").orElseThrow().points().orElseThrow())
        .isEqualByComparingTo("150");
    assertThat(s.get("A", "DTTM").orElseThrow().points().orElseThrow()).isEqualByComparingTo("0");
    assertThat(s.get("A", "DTTM").orElseThrow().basis()).isEqualTo(Basis.SUPPLIED);
    // Supplied nodes hide their subtrees.
    assertThat(s.get("A", "NTS.1")).isEmpty();
  }

  @Test
  void emptyDenominatorsFollowEachLeafsPolicy() {
    UnitInput full =
        new UnitInput(
            "U1", "Sở 1", Map.of("A", obs(3, 4), "B", obs(1, 2), "C", obs(1, 4)), Map.of());
    UnitInput other =
        new UnitInput(
            "U2", "Sở 2", Map.of("A", obs(1, 1), "B", obs(9, 10), "C", obs(0, 1)), Map.of());
    // U3: A has no dossiers (not applicable), B none (imputed: mean of 0.5 and 0.9 = 0.7), C none
    // (full).
    UnitInput empty = new UnitInput("U3", "Sở 3", Map.of("A", obs(0, 0), "B", obs(0, 0)), Map.of());
    ScoreSheet s =
        new Scorer(SMALL, Scorer.Missing.APPLY_POLICY).score(List.of(full, other, empty));
    // U1: 4×0.75 + 4×0.5 + 2×0.25 = 3 + 2 + 0.5 = 5.5
    assertThat(s.get("U1", "T").orElseThrow().points().orElseThrow()).isEqualByComparingTo("5.5");
    // U2: 4 + 3.6 + 0 = 7.6
    assertThat(s.get("U2", "T").orElseThrow().points().orElseThrow()).isEqualByComparingTo("7.6");
    // U3: A left out; B 4×0.7 = 2.8, C 2×1 = 2 → 4.8 of the 6 applicable, rescaled to 10: 8.0
    NodeScore u3 = s.get("U3", "T").orElseThrow();
    assertThat(u3.points().orElseThrow()).isEqualByComparingTo("8");
    assertThat(s.get("U3", "A").orElseThrow().basis()).isEqualTo(Basis.NOT_APPLICABLE);
    assertThat(s.get("U3", "B").orElseThrow().basis()).isEqualTo(Basis.IMPUTED);
    assertThat(s.get("U3", "B").orElseThrow().value().orElseThrow()).isEqualByComparingTo("0.7");
    assertThat(s.get("U3", "C").orElseThrow().basis()).isEqualTo(Basis.EMPTY_FULL);
    assertThat(List.of(rank(s, "U3", "T"), rank(s, "U2", "T"), rank(s, "U1", "T")))
        .containsExactly(1, 2, 3);
    assertThat(s.get("U3", "A").orElseThrow().rank()).isEmpty();
    // Targets: T reached at 80 % of its maximum.
    assertThat(SMALL.target("T").orElseThrow().judge(u3.value().orElseThrow())).isEqualTo("Đạt");
    assertThat(
            SMALL
                .target("T")
                .orElseThrow()
                .judge(s.get("U2", "T").orElseThrow().value().orElseThrow()))
        .isEqualTo("Không đạt");
  }

  @Test
  void aSuppliedInnerValueOverridesWhatItsLeavesWouldGive() {
    UnitInput u =
        new UnitInput(
            "U1",
            "Sở 1",
            Map.of("A", obs(3, 4), "B", obs(1, 2), "C", obs(1, 4)),
            Map.of("T", new BigDecimal("0.9")));
    ScoreSheet s = new Scorer(SMALL, Scorer.Missing.APPLY_POLICY).score(List.of(u));
    assertThat(s.get("U1", "T").orElseThrow().points().orElseThrow()).isEqualByComparingTo("9");
    assertThat(s.get("U1", "A")).isEmpty();
  }

  /**
   * A unit below the methodology's minimum volume keeps its scores and has no rank; the others are
   * ranked among themselves (U2 is second of two, not third of three).
   */
  @Test
  void unitsBelowTheMinimumVolumeAreScoredButNotRanked() {
    Methodology thin =
        ScoringCatalog.parse(
            "thin.yaml",
            """
            id: thin
            name_vi: Nhỏ
            name_en: Small
            levels: [commune]
            period: month
            publication: {figure: points, decimals: 2}
            nodes:
              - {code: T, name_vi: T, name_en: T, max_points: 10, children: [A]}
              - {code: A, name_vi: A, name_en: A, max_points: 10, metric: m, when_empty: not_applicable}
            metrics:
              m: {table: gold.fct_dossier_daily, numerator: sum(on_time_count), denominator: sum(received_count)}
            minimum_volume: {leaf: A, denominator: 5, counted_vi: hồ sơ tiếp nhận}
            """);
    ScoreSheet s =
        new Scorer(thin, Scorer.Missing.APPLY_POLICY)
            .score(
                List.of(
                    new UnitInput("U1", "Xã 1", Map.of("A", obs(3, 3)), Map.of()),
                    new UnitInput("U2", "Xã 2", Map.of("A", obs(4, 5)), Map.of()),
                    new UnitInput("U3", "Xã 3", Map.of("A", obs(9, 10)), Map.of())));
    // U1: 10 points on 3 dossiers, the best score, but below 5 dossiers: no rank.
    assertThat(s.get("U1", "T").orElseThrow().points().orElseThrow()).isEqualByComparingTo("10");
    assertThat(s.get("U1", "T").orElseThrow().rank()).isEmpty();
    assertThat(published(s, "U1", "T")).isEqualTo("10.00");
    assertThat(s.get("U1", "A").orElseThrow().rank()).isEmpty();
    assertThat(List.of(rank(s, "U3", "T"), rank(s, "U2", "T"))).containsExactly(1, 2);
    assertThat(thin.minimumVolume().orElseThrow().ranks(java.util.Optional.of(new BigDecimal("5"))))
        .isTrue();
    assertThat(thin.minimumVolume().orElseThrow().ranks(java.util.Optional.empty())).isFalse();
  }
}
