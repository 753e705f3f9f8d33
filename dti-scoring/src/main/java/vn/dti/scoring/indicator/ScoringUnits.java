package vn.dti.scoring.indicator;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dti.scoring.methodology.Methodology;

/**
 * What the scoring needs to know about units: the level of every agency (a department, district or
 * commune is ranked among its peers of the same province), the 2025 province each 63-era province
 * joined (to restate history on the new boundaries) and every unit's name on a given day.
 *
 * @param agencyLevels agency code → {@code department}, {@code district} or {@code commune}
 * @param successors 63-era province code → the 34-era province it joined (the 34-era codes map to
 *     themselves and are not listed)
 * @param names unit code → its validity intervals in order, for {@link #name}
 */
public record ScoringUnits(
    Map<String, String> agencyLevels,
    Map<String, String> successors,
    Map<String, List<Named>> names) {

  /** A unit's name during one validity interval. */
  public record Named(
      String code, String name, String era, LocalDate validFrom, Optional<LocalDate> validTo) {
    boolean validOn(LocalDate day) {
      return !validFrom.isAfter(day) && validTo.map(day::isBefore).orElse(true);
    }
  }

  public ScoringUnits {
    agencyLevels = Map.copyOf(agencyLevels);
    successors = Map.copyOf(successors);
    Map<String, List<Named>> sorted = new HashMap<>();
    names.forEach(
        (k, v) ->
            sorted.put(k, v.stream().sorted(Comparator.comparing(Named::validFrom)).toList()));
    names = Map.copyOf(sorted);
  }

  /**
   * Reads {@code gold.dim_unit} (levels and names) and {@code silver.unit} (successors) as given.
   */
  public static ScoringUnits from(Dataset<Row> dimUnit, Dataset<Row> silverUnit) {
    Map<String, String> levels = new HashMap<>();
    Map<String, LocalDate> levelFrom = new HashMap<>();
    Map<String, List<Named>> names = new HashMap<>();
    for (Row r :
        dimUnit
            .select("unit_code", "unit_name", "unit_level", "era", "valid_from", "valid_to")
            .collectAsList()) {
      String code = r.getString(0);
      String level = r.getString(2);
      LocalDate from = r.getDate(4).toLocalDate();
      Date to = r.getDate(5);
      names
          .computeIfAbsent(code, k -> new ArrayList<>())
          .add(
              new Named(
                  code,
                  r.getString(1),
                  r.getString(3),
                  from,
                  Optional.ofNullable(to).map(Date::toLocalDate)));
      // An agency's level is the one of its latest interval.
      if (!level.equals("province")
          && (levelFrom.get(code) == null || levelFrom.get(code).isBefore(from))) {
        levels.put(code, level);
        levelFrom.put(code, from);
      }
    }
    Map<String, String> successors = new LinkedHashMap<>();
    for (Row r :
        silverUnit
            .where(
                col("unit_level")
                    .equalTo("province")
                    .and(col("successor_province_code").isNotNull()))
            .select("unit_code", "successor_province_code")
            .collectAsList()) {
      successors.put(r.getString(0), r.getString(1));
    }
    return new ScoringUnits(levels, successors, names);
  }

  /** The 2025 province a province's figures are restated on (itself when it was not merged). */
  public String successor(String provinceCode) {
    return successors.getOrDefault(provinceCode, provinceCode);
  }

  /**
   * A unit's name for a period: a restated province's 2025 name; otherwise the name valid on the
   * period's first day, else its latest name, else the code itself.
   */
  public String name(String code, String period, String boundaries) {
    List<Named> of = names.getOrDefault(code, List.of());
    if (of.isEmpty()) {
      return code;
    }
    Named latest = of.get(of.size() - 1);
    if (boundaries.equals(Methodology.RESTATED)) {
      return of.stream()
          .filter(n -> n.era().equals("34"))
          .reduce((a, b) -> b)
          .orElse(latest)
          .name();
    }
    LocalDate day = firstDay(period);
    return of.stream().filter(n -> n.validOn(day)).findFirst().orElse(latest).name();
  }

  /**
   * The first day of a period written {@code 2024}, {@code 2024-H1}, {@code 2024-Q2}, {@code
   * 2024-06}.
   */
  static LocalDate firstDay(String period) {
    return vn.dti.scoring.methodology.Periods.firstMonth(period).atDay(1);
  }

  /** {@code (unit_code, _agency_level)}: the agencies' levels, for a join. */
  Dataset<Row> agencyLevelFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    agencyLevels.forEach((k, v) -> rows.add(RowFactory.create(k, v)));
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("unit_code", DataTypes.StringType)
            .add("_agency_level", DataTypes.StringType));
  }

  /** {@code (province_code, _successor)}: the merged provinces, for a join. */
  Dataset<Row> successorFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    successors.forEach((k, v) -> rows.add(RowFactory.create(k, v)));
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("province_code", DataTypes.StringType)
            .add("_successor", DataTypes.StringType));
  }
}
