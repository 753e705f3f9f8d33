package vn.dti.scoring.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.MinimumVolume;
import vn.dti.scoring.methodology.Node;
import vn.dti.scoring.methodology.Publication;
import vn.dti.scoring.methodology.Target;
import vn.dti.scoring.score.Trend;

/**
 * What the committee's workbook says, worked out from {@link ReportData} without Spark or POI: per
 * level of units (provinces; or a province's departments, districts and communes), the ranking
 * lines, the targets table with its summed-count totals, the change contributions, the unit
 * profiles and the chart series.
 */
public final class CommitteeReport {
  /** Periods of history a profile and the trend chart show. */
  public static final int TREND_PERIODS = 12;

  /** Strengths and weaknesses a profile lists. */
  public static final int PROFILE_COMPONENTS = 3;

  /** Units drawn in the trend chart, besides the level's mean. */
  public static final int TREND_UNITS = 5;

  private static final Collator VI = Collator.getInstance(Locale.forLanguageTag("vi"));

  private static final Map<String, String> LEVELS_VI =
      Map.of(
          "province", "Tỉnh, thành phố trực thuộc Trung ương",
          "department", "Sở, ban, ngành",
          "district", "Huyện, thị xã, thành phố",
          "commune", "Xã, phường, thị trấn");
  private static final List<String> LEVEL_ORDER =
      List.of("province", "department", "district", "commune");

  /** The colour band of a ranked unit's total: the top, middle and bottom third of the ranks. */
  public enum Band {
    TOP("Nhóm dẫn đầu"),
    MIDDLE("Nhóm giữa"),
    BOTTOM("Nhóm cuối"),
    NOT_RANKED(MinimumVolume.NOT_RANKED_VI);

    private final String labelVi;

    Band(String labelVi) {
      this.labelVi = labelVi;
    }

    public String labelVi() {
      return labelVi;
    }

    /** The band of a rank among {@code n} ranked units. */
    public static Band of(int rank, int n) {
      return rank * 3 <= n ? TOP : rank * 3 <= 2 * n ? MIDDLE : BOTTOM;
    }
  }

  /**
   * One line of the ranking: a unit's total and its figures on the ranked nodes.
   *
   * @param nodes the unit's score on each of {@link Level#columns()}, by code
   * @param volume what the methodology's minimum volume counts, for a unit shown but not ranked
   */
  public record RankingLine(
      String unitCode,
      String unitName,
      ScoreFact total,
      Map<String, ScoreFact> nodes,
      Optional<RankFact> rank,
      Optional<IntervalFact> interval,
      Band band,
      Optional<Double> volume) {
    public RankingLine {
      nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /** Whether the unit is ranked (it reaches the methodology's minimum volume). */
    public boolean ranked() {
      return band != Band.NOT_RANKED;
    }
  }

  /**
   * A unit's figure on one target: the leaf's counts, its value, the trend against the previous
   * period, Đạt / Không đạt and how many more counted items it would take.
   */
  public record TargetCell(
      Target target,
      double numerator,
      double denominator,
      Optional<Double> value,
      Optional<String> trend,
      Optional<String> status,
      long shortfall) {}

  /** One row of the targets table: a unit, or a total (from summed counts). */
  public record TargetLine(String label, boolean total, List<TargetCell> cells) {
    public TargetLine {
      cells = List.copyOf(cells);
    }
  }

  /** A unit's change since the previous period, its contributions largest first. */
  public record UnitChange(
      String unitCode,
      String unitName,
      String previousPeriod,
      BigDecimal previousTotal,
      BigDecimal currentTotal,
      BigDecimal totalChange,
      List<ChangeFact> contributions) {
    public UnitChange {
      contributions = List.copyOf(contributions);
    }
  }

  /** A component of a profile: a node and the unit's rank on it among {@code of} units. */
  public record Component(String code, String nameVi, int rank, int of, Optional<Double> value) {}

  /** A unit's profile: best and worst components by rank, the total over the last periods. */
  public record Profile(
      RankingLine line,
      List<Component> strengths,
      List<Component> weaknesses,
      List<Optional<BigDecimal>> trend) {
    public Profile {
      strengths = List.copyOf(strengths);
      weaknesses = List.copyOf(weaknesses);
      trend = List.copyOf(trend);
    }
  }

  /** The trend chart's series: a unit (or the mean) and its total in each period. */
  public record Series(String name, List<Optional<Double>> values) {
    public Series {
      values = List.copyOf(values);
    }
  }

  /**
   * One level of units, each ranked among its peers.
   *
   * @param columns the nodes the ranking shows beside the total: the total's children, then the
   *     methodology's aggregates (the DTI's pillars)
   */
  public record Level(
      String level,
      String labelVi,
      List<String> columns,
      List<RankingLine> lines,
      List<TargetLine> targets,
      List<UnitChange> changes,
      List<Profile> profiles,
      List<Series> trend) {
    public Level {
      columns = List.copyOf(columns);
      lines = List.copyOf(lines);
      targets = List.copyOf(targets);
      changes = List.copyOf(changes);
      profiles = List.copyOf(profiles);
      trend = List.copyOf(trend);
    }

    /** The units ranked, in rank order. */
    public List<RankingLine> ranked() {
      return lines.stream().filter(RankingLine::ranked).toList();
    }
  }

  private final ReportData data;
  private final Methodology m;
  private final List<ReportPeriod> trendPeriods;
  private final List<Level> levels;

  public CommitteeReport(ReportData data) {
    this.data = data;
    this.m = data.methodology();
    this.trendPeriods = data.request().period().lastPeriods(TREND_PERIODS);
    List<Level> out = new ArrayList<>();
    Map<String, List<ScoreFact>> byLevel =
        data.scores().stream().collect(Collectors.groupingBy(ScoreFact::level));
    for (String level : LEVEL_ORDER) {
      List<ScoreFact> facts = byLevel.getOrDefault(level, List.of());
      String period = data.request().period().code();
      if (facts.stream().anyMatch(f -> f.period().equals(period))) {
        out.add(level(level, facts));
      }
    }
    this.levels = List.copyOf(out);
  }

  public ReportData data() {
    return data;
  }

  /**
   * The rows of the data sheet: every node of the period and the one before (what the tables
   * compare), and the total of each period of the trend.
   */
  public List<ScoreFact> dataRows() {
    String now = data.request().period().code();
    String before = data.request().period().previous().code();
    String root = m.root().code();
    java.util.Set<String> trend =
        trendPeriods.stream().map(ReportPeriod::code).collect(Collectors.toSet());
    return data.scores().stream()
        .filter(
            f ->
                f.period().equals(now)
                    || f.period().equals(before)
                    || (f.nodeCode().equals(root) && trend.contains(f.period())))
        .sorted(
            Comparator.comparing(ScoreFact::period)
                .reversed()
                .thenComparing(f -> LEVEL_ORDER.indexOf(f.level()))
                .thenComparing(ScoreFact::unitCode)
                .thenComparing(f -> m.codes().indexOf(f.nodeCode())))
        .toList();
  }

  /** The levels with scores in the period, in the order department, district, commune. */
  public List<Level> levels() {
    return levels;
  }

  /** The periods a trend shows, oldest first, ending with the one reported. */
  public List<ReportPeriod> trendPeriods() {
    return trendPeriods;
  }

  /** The name of a node or aggregate. */
  public String nameVi(String code) {
    return m.node(code)
        .map(Node::nameVi)
        .or(
            () ->
                m.aggregates().stream()
                    .filter(a -> a.code().equals(code))
                    .findFirst()
                    .map(a -> a.nameVi()))
        .orElse(code);
  }

  /** The maximum of a node or aggregate. */
  public BigDecimal maxPoints(String code) {
    return m.node(code)
        .map(Node::maxPoints)
        .or(
            () ->
                m.aggregates().stream()
                    .filter(a -> a.code().equals(code))
                    .findFirst()
                    .map(a -> a.maxPoints()))
        .orElse(BigDecimal.ZERO);
  }

  /** Whether the methodology publishes points (the 766) rather than values (the DTI). */
  public boolean publishesPoints() {
    return m.publication().figure() == Publication.Figure.POINTS;
  }

  private Level level(String level, List<ScoreFact> facts) {
    String period = data.request().period().code();
    String root = m.root().code();
    List<String> columns = new ArrayList<>(m.root().children());
    m.aggregates().forEach(a -> columns.add(a.code()));
    Map<String, Map<String, ScoreFact>> now = byUnit(facts, period);
    Map<String, RankFact> rootRanks = new LinkedHashMap<>();
    data.ranking().stream()
        .filter(r -> r.level().equals(level) && r.nodeCode().equals(root))
        .forEach(r -> rootRanks.put(r.unitCode(), r));
    Map<String, IntervalFact> intervals = new LinkedHashMap<>();
    data.intervals().stream()
        .filter(i -> i.level().equals(level))
        .forEach(i -> intervals.put(i.unitCode(), i));
    int ranked = (int) now.values().stream().filter(u -> rank(u, root).isPresent()).count();
    List<RankingLine> lines = new ArrayList<>();
    now.forEach(
        (unit, nodes) -> {
          ScoreFact total = nodes.get(root);
          if (total == null) {
            return;
          }
          Map<String, ScoreFact> cols = new LinkedHashMap<>();
          columns.forEach(c -> Optional.ofNullable(nodes.get(c)).ifPresent(f -> cols.put(c, f)));
          Optional<Integer> r = total.rank();
          Optional<Double> volume =
              m.minimumVolume()
                  .flatMap(v -> Optional.ofNullable(nodes.get(v.leaf())))
                  .flatMap(ScoreFact::denominator);
          lines.add(
              new RankingLine(
                  unit,
                  total.unitName(),
                  total,
                  cols,
                  Optional.ofNullable(rootRanks.get(unit)),
                  Optional.ofNullable(intervals.get(unit)),
                  r.map(x -> Band.of(x, ranked)).orElse(Band.NOT_RANKED),
                  volume));
        });
    lines.sort(
        Comparator.comparing((RankingLine l) -> l.total().rank().orElse(Integer.MAX_VALUE))
            .thenComparing(RankingLine::unitName, VI)
            .thenComparing(RankingLine::unitCode));
    Map<String, Map<String, ScoreFact>> before =
        byUnit(facts, data.request().period().previous().code());
    return new Level(
        level,
        LEVELS_VI.getOrDefault(level, level),
        columns,
        lines,
        targets(lines, now, before),
        changes(level, lines),
        profiles(facts, lines, now),
        trend(facts, lines));
  }

  private static Optional<Integer> rank(Map<String, ScoreFact> unit, String code) {
    return Optional.ofNullable(unit.get(code)).flatMap(ScoreFact::rank);
  }

  private static Map<String, Map<String, ScoreFact>> byUnit(List<ScoreFact> facts, String period) {
    Map<String, Map<String, ScoreFact>> out = new TreeMap<>();
    for (ScoreFact f : facts) {
      if (f.period().equals(period)) {
        out.computeIfAbsent(f.unitCode(), k -> new LinkedHashMap<>()).put(f.nodeCode(), f);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ targets

  private List<TargetLine> targets(
      List<RankingLine> lines,
      Map<String, Map<String, ScoreFact>> now,
      Map<String, Map<String, ScoreFact>> before) {
    if (m.targets().isEmpty()) {
      return List.of();
    }
    List<TargetLine> out = new ArrayList<>();
    List<RankingLine> byName =
        lines.stream()
            .sorted(
                Comparator.comparing(RankingLine::unitName, VI).thenComparing(l -> l.unitCode()))
            .toList();
    for (RankingLine l : byName) {
      List<TargetCell> cells = new ArrayList<>();
      for (Target t : m.targets()) {
        Optional<ScoreFact> f = Optional.ofNullable(now.get(l.unitCode()).get(t.node()));
        double n = f.flatMap(ScoreFact::numerator).orElse(0.0);
        double d = f.flatMap(ScoreFact::denominator).orElse(0.0);
        Optional<Double> v = f.flatMap(ScoreFact::value);
        cells.add(
            new TargetCell(
                t,
                n,
                d,
                v,
                f.flatMap(ScoreFact::trend),
                f.flatMap(ScoreFact::targetStatus),
                v.isPresent() ? t.shortfall(decimal(n), decimal(d)) : 0));
      }
      out.add(new TargetLine(l.unitName(), false, cells));
    }
    out.add(total("TỔNG", now, before));
    return out;
  }

  /**
   * The level's total on each target from the summed counts of its units (never an average of their
   * rates), with its trend against the previous period's summed counts.
   */
  private TargetLine total(
      String label,
      Map<String, Map<String, ScoreFact>> now,
      Map<String, Map<String, ScoreFact>> before) {
    List<TargetCell> cells = new ArrayList<>();
    for (Target t : m.targets()) {
      BigDecimal[] s = sums(now, t.node());
      BigDecimal[] p = sums(before, t.node());
      Optional<BigDecimal> v = ratio(s);
      Optional<BigDecimal> pv = ratio(p);
      cells.add(
          new TargetCell(
              t,
              s[0].doubleValue(),
              s[1].doubleValue(),
              v.map(BigDecimal::doubleValue),
              Trend.label(pv, v),
              v.map(t::judge),
              v.isPresent() ? t.shortfall(s[0], s[1]) : 0));
    }
    return new TargetLine(label, true, cells);
  }

  private static BigDecimal[] sums(Map<String, Map<String, ScoreFact>> units, String node) {
    BigDecimal n = BigDecimal.ZERO;
    BigDecimal d = BigDecimal.ZERO;
    for (Map<String, ScoreFact> u : units.values()) {
      ScoreFact f = u.get(node);
      if (f != null && f.numerator().isPresent() && f.denominator().isPresent()) {
        n = n.add(decimal(f.numerator().get()));
        d = d.add(decimal(f.denominator().get()));
      }
    }
    return new BigDecimal[] {n, d};
  }

  private static Optional<BigDecimal> ratio(BigDecimal[] s) {
    return s[1].signum() > 0
        ? Optional.of(s[0].divide(s[1], MathContext.DECIMAL64))
        : Optional.empty();
  }

  private static BigDecimal decimal(double x) {
    return BigDecimal.valueOf(x);
  }

  // ------------------------------------------------------------------------------------ changes

  private List<UnitChange> changes(String level, List<RankingLine> lines) {
    Map<String, List<ChangeFact>> byUnit =
        data.changes().stream()
            .filter(c -> c.level().equals(level))
            .collect(Collectors.groupingBy(ChangeFact::unitCode));
    List<UnitChange> out = new ArrayList<>();
    for (RankingLine l : lines) {
      List<ChangeFact> facts = byUnit.get(l.unitCode());
      if (facts == null || facts.isEmpty() || l.total().points().isEmpty()) {
        continue;
      }
      BigDecimal change = facts.get(0).totalChange();
      BigDecimal current = l.total().points().get();
      List<ChangeFact> moved =
          facts.stream()
              .filter(c -> c.contribution().signum() != 0)
              .sorted(
                  Comparator.comparing((ChangeFact c) -> c.contribution().abs())
                      .reversed()
                      .thenComparing(ChangeFact::nodeCode))
              .toList();
      out.add(
          new UnitChange(
              l.unitCode(),
              l.unitName(),
              facts.get(0).previousPeriod(),
              current.subtract(change),
              current,
              change,
              moved));
    }
    return out;
  }

  // ----------------------------------------------------------------------------------- profiles

  private List<Profile> profiles(
      List<ScoreFact> facts, List<RankingLine> lines, Map<String, Map<String, ScoreFact>> now) {
    String root = m.root().code();
    Map<String, Integer> rankedOn = new LinkedHashMap<>();
    now.values()
        .forEach(
            u ->
                u.values().stream()
                    .filter(f -> f.rank().isPresent())
                    .forEach(f -> rankedOn.merge(f.nodeCode(), 1, Integer::sum)));
    Map<String, Map<String, BigDecimal>> totals = new LinkedHashMap<>();
    for (ScoreFact f : facts) {
      if (f.nodeCode().equals(root) && f.published().isPresent()) {
        totals
            .computeIfAbsent(f.unitCode(), k -> new LinkedHashMap<>())
            .put(f.period(), f.published().get());
      }
    }
    List<Profile> out = new ArrayList<>();
    for (RankingLine l : lines) {
      List<Component> components = new ArrayList<>();
      for (ScoreFact f : now.get(l.unitCode()).values()) {
        if (!f.nodeCode().equals(root) && f.rank().isPresent()) {
          components.add(
              new Component(
                  f.nodeCode(),
                  f.nodeNameVi(),
                  f.rank().get(),
                  rankedOn.get(f.nodeCode()),
                  f.value()));
        }
      }
      Comparator<Component> best =
          Comparator.comparingDouble((Component c) -> (double) c.rank() / c.of())
              .thenComparing(Component::code);
      // The better half (at most three) are strengths, the worst of the rest (at most three)
      // weaknesses: a unit ranked on three components has two strengths and one weakness.
      int strong = Math.min(PROFILE_COMPONENTS, (components.size() + 1) / 2);
      int weak = Math.min(PROFILE_COMPONENTS, components.size() - strong);
      List<Component> strengths = components.stream().sorted(best).limit(strong).toList();
      List<Component> weaknesses = components.stream().sorted(best.reversed()).limit(weak).toList();
      Map<String, BigDecimal> history = totals.getOrDefault(l.unitCode(), Map.of());
      List<Optional<BigDecimal>> trend =
          trendPeriods.stream().map(p -> Optional.ofNullable(history.get(p.code()))).toList();
      out.add(new Profile(l, strengths, weaknesses, trend));
    }
    return out;
  }

  // -------------------------------------------------------------------------------------- trend

  /** The trend chart: the first ranked units' totals and the level's mean over the periods. */
  private List<Series> trend(List<ScoreFact> facts, List<RankingLine> lines) {
    String root = m.root().code();
    Map<String, Map<String, Double>> byUnit = new LinkedHashMap<>();
    for (ScoreFact f : facts) {
      if (f.nodeCode().equals(root) && f.published().isPresent()) {
        byUnit
            .computeIfAbsent(f.unitCode(), k -> new LinkedHashMap<>())
            .put(f.period(), f.published().get().doubleValue());
      }
    }
    List<Series> out = new ArrayList<>();
    lines.stream()
        .filter(RankingLine::ranked)
        .limit(TREND_UNITS)
        .forEach(
            l ->
                out.add(
                    new Series(
                        l.unitName(),
                        values(byUnit.getOrDefault(l.unitCode(), Map.of()), Function.identity()))));
    List<Optional<Double>> mean = new ArrayList<>();
    for (ReportPeriod p : trendPeriods) {
      double[] xs =
          byUnit.values().stream()
              .filter(u -> u.containsKey(p.code()))
              .mapToDouble(u -> u.get(p.code()))
              .toArray();
      mean.add(
          xs.length == 0
              ? Optional.empty()
              : Optional.of(java.util.Arrays.stream(xs).average().orElseThrow()));
    }
    out.add(new Series("Bình quân", mean));
    return out;
  }

  private List<Optional<Double>> values(Map<String, Double> byPeriod, Function<Double, Double> f) {
    return trendPeriods.stream()
        .map(p -> Optional.ofNullable(byPeriod.get(p.code())).map(f))
        .toList();
  }
}
