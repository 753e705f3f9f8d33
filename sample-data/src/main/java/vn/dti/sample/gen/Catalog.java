package vn.dti.sample.gen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The administrative world the generator fills: the 63 provinces until 2025-07-01 and the 34 from
 * then on (from the committed reference files), and their agencies: departments (the standard sở
 * and ban of {@code seeds/001}), district offices and communes. Bình Phước, Bắc Giang and Bình
 * Thuận have their real districts; elsewhere names and codes are synthetic but follow the national
 * formats. Deterministic for a seed.
 */
final class Catalog {
  static final LocalDate ERA_63_START = LocalDate.of(2008, 8, 1);
  static final LocalDate MERGER = LocalDate.of(2025, 7, 1);

  /**
   * Departments before the 2025 reorganisation: code segment, name (as {@code seeds/001} lists
   * them).
   */
  static final Map<Integer, String> DEPARTMENTS_63 =
      ordered(
          1,
          "Văn phòng UBND tỉnh",
          2,
          "Sở Nội vụ",
          3,
          "Sở Tư pháp",
          4,
          "Sở Kế hoạch và Đầu tư",
          5,
          "Sở Tài chính",
          6,
          "Sở Công Thương",
          7,
          "Sở Nông nghiệp và Phát triển nông thôn",
          8,
          "Sở Giao thông vận tải",
          9,
          "Sở Xây dựng",
          10,
          "Sở Tài nguyên và Môi trường",
          11,
          "Sở Thông tin và Truyền thông",
          12,
          "Sở Lao động - Thương binh và Xã hội",
          13,
          "Sở Văn hóa, Thể thao và Du lịch",
          14,
          "Sở Khoa học và Công nghệ",
          15,
          "Sở Giáo dục và Đào tạo",
          16,
          "Sở Y tế",
          17,
          "Sở Ngoại vụ",
          18,
          "Thanh tra tỉnh",
          19,
          "Ban Dân tộc",
          20,
          "Ban Quản lý Khu kinh tế",
          21,
          "Công an tỉnh");

  /** Departments from 2025-07-01, after the merger of departments. */
  static final Map<Integer, String> DEPARTMENTS_34 =
      ordered(
          1,
          "Văn phòng UBND tỉnh",
          2,
          "Sở Nội vụ",
          3,
          "Sở Tư pháp",
          5,
          "Sở Tài chính",
          6,
          "Sở Công Thương",
          7,
          "Sở Nông nghiệp và Môi trường",
          9,
          "Sở Xây dựng",
          13,
          "Sở Văn hóa, Thể thao và Du lịch",
          14,
          "Sở Khoa học và Công nghệ",
          15,
          "Sở Giáo dục và Đào tạo",
          16,
          "Sở Y tế",
          17,
          "Sở Ngoại vụ",
          18,
          "Thanh tra tỉnh",
          19,
          "Sở Dân tộc và Tôn giáo",
          21,
          "Công an tỉnh");

  /** Real districts: province → (statistics-office code, name). */
  static final Map<String, Map<String, String>> REAL_DISTRICTS =
      Map.of(
          "70",
              ordered(
                  "689",
                  "Thành phố Đồng Xoài",
                  "690",
                  "Thị xã Phước Long",
                  "691",
                  "Thị xã Bình Long",
                  "692",
                  "Huyện Bù Gia Mập",
                  "693",
                  "Huyện Lộc Ninh",
                  "694",
                  "Huyện Bù Đốp",
                  "695",
                  "Huyện Hớn Quản",
                  "696",
                  "Huyện Đồng Phú",
                  "697",
                  "Huyện Bù Đăng",
                  "698",
                  "Thị xã Chơn Thành",
                  "699",
                  "Huyện Phú Riềng"),
          "24",
              ordered(
                  "213",
                  "Thành phố Bắc Giang",
                  "215",
                  "Huyện Yên Thế",
                  "216",
                  "Huyện Tân Yên",
                  "217",
                  "Huyện Lạng Giang",
                  "218",
                  "Huyện Lục Nam",
                  "219",
                  "Huyện Lục Ngạn",
                  "220",
                  "Huyện Sơn Động",
                  "221",
                  "Huyện Yên Dũng",
                  "222",
                  "Thị xã Việt Yên",
                  "223",
                  "Huyện Hiệp Hòa"),
          "60",
              ordered(
                  "593",
                  "Thành phố Phan Thiết",
                  "594",
                  "Thị xã La Gi",
                  "595",
                  "Huyện Tuy Phong",
                  "596",
                  "Huyện Bắc Bình",
                  "597",
                  "Huyện Hàm Thuận Bắc",
                  "598",
                  "Huyện Hàm Thuận Nam",
                  "599",
                  "Huyện Tánh Linh",
                  "600",
                  "Huyện Đức Linh",
                  "601",
                  "Huyện Hàm Tân",
                  "602",
                  "Huyện Phú Quý"));

  /**
   * The portal's H-codes of the 63 provinces. Those of provinces that kept their code in 2025 are
   * in provinces_34_2025.csv; the others follow the portal's ordering of province names.
   */
  static final Map<String, String> HCODES_63 =
      ordered(
          "89", "H01", "77", "H02", "24", "H03", "06", "H04", "27", "H05", "95", "H06", "83", "H07",
          "52", "H08", "74", "H09", "70", "H10", "60", "H11", "96", "H12", "92", "H13", "04", "H14",
          "66", "H15", "67", "H16", "48", "H17", "11", "H18", "75", "H19", "87", "H20", "64", "H21",
          "02", "H22", "35", "H23", "31", "H24", "30", "H25", "01", "H26", "42", "H27", "93", "H28",
          "79", "H29", "17", "H30", "33", "H31", "56", "H32", "91", "H33", "62", "H34", "12", "H35",
          "68", "H36", "20", "H37", "10", "H38", "80", "H39", "36", "H40", "40", "H41", "37", "H42",
          "58", "H43", "25", "H44", "54", "H45", "44", "H46", "49", "H47", "51", "H48", "22", "H49",
          "45", "H50", "94", "H51", "14", "H52", "72", "H53", "34", "H54", "19", "H55", "38", "H56",
          "46", "H57", "82", "H58", "84", "H59", "08", "H60", "86", "H61", "26", "H62", "15",
          "H63");

  /** Approximate population in thousands (2022), which sets each province's share of the volume. */
  static final Map<String, Double> POPULATION = populations();

  private static final String[] SYLLABLES = {
    "An", "Bình", "Phú", "Tân", "Hòa", "Long", "Thạnh", "Đông", "Tây", "Hưng", "Thuận", "Phước",
        "Lộc", "Mỹ",
    "Vĩnh", "Quang", "Hiệp", "Thạch", "Xuân", "Trung", "Thành", "Hải", "Sơn", "Lâm", "Đức", "Minh",
        "Nghĩa", "Kim"
  };

  final List<Province> provinces = new ArrayList<>();
  final List<Unit> units = new ArrayList<>();

  /** Old province code → new province code. */
  final Map<String, String> successor = new LinkedHashMap<>();

  private int nextDistrict = 1;
  private int nextCommune = 1;

  /**
   * @param communesPerDistrict average communes per district (the country has about 16)
   */
  Catalog(long seed, int communesPerDistrict) {
    Set<String> reserved = new java.util.HashSet<>();
    REAL_DISTRICTS.values().forEach(m -> reserved.addAll(m.keySet()));
    Map<String, List<String[]>> p63 = new LinkedHashMap<>();
    for (String[] r : csv("generator/provinces_63_to_34_2025.csv")) {
      p63.put(r[0], List.<String[]>of(r));
      successor.put(r[0], r[2]);
    }
    Map<String, Integer> oldCommunes = new HashMap<>();
    for (String code : p63.keySet()) {
      String[] r = p63.get(code).get(0);
      Province p =
          new Province(
              code,
              r[1],
              HCODES_63.get(code),
              POPULATION.get(code),
              ERA_63_START,
              Optional.of(MERGER),
              "63");
      provinces.add(p);
      Rng rng = Rng.of(seed, "districts", code);
      DEPARTMENTS_63.forEach(
          (n, name) ->
              units.add(
                  new Unit(
                      String.format("000.00.%02d.%s", n, p.hcode()),
                      name,
                      Unit.Level.DEPARTMENT,
                      code,
                      "",
                      "",
                      ERA_63_START,
                      Optional.of(MERGER),
                      1.0)));
      Map<String, String> districts = REAL_DISTRICTS.get(code);
      if (districts == null) {
        districts = new LinkedHashMap<>();
        int n = (int) Math.max(6, Math.min(15, Math.round(p.population() / 130)));
        Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
          while (reserved.contains(String.format("%03d", nextDistrict))) {
            nextDistrict++;
          }
          String name;
          do {
            name =
                (i == 0 ? "Thành phố " : rng.chance(0.15) ? "Thị xã " : "Huyện ")
                    + rng.pick(SYLLABLES)
                    + " "
                    + rng.pick(SYLLABLES).toLowerCase(java.util.Locale.ROOT);
          } while (!used.add(name));
          districts.put(String.format("%03d", nextDistrict++), name);
        }
      }
      int d = 20;
      int communesHere = 0;
      for (var e : districts.entrySet()) {
        String districtCode = String.format("000.%02d.00.%s", d, p.hcode());
        units.add(
            new Unit(
                districtCode,
                "UBND " + e.getValue(),
                Unit.Level.DISTRICT,
                code,
                e.getKey(),
                "",
                ERA_63_START,
                Optional.of(MERGER),
                1.0));
        int communes = Math.max(3, communesPerDistrict + rng.between(-3, 3));
        for (int c = 0; c < communes; c++) {
          communesHere++;
          String kind =
              e.getValue().startsWith("Thành phố") && c < communes / 2 ? "Phường " : "Xã ";
          units.add(
              new Unit(
                  String.format("%03d.%02d.00.%s", communesHere, d, p.hcode()),
                  "UBND "
                      + kind
                      + rng.pick(SYLLABLES)
                      + " "
                      + rng.pick(SYLLABLES).toLowerCase(java.util.Locale.ROOT),
                  Unit.Level.COMMUNE,
                  code,
                  String.format("%05d", nextCommune++),
                  districtCode,
                  ERA_63_START,
                  Optional.of(MERGER),
                  1.0));
        }
        d++;
      }
      oldCommunes.put(code, communesHere);
    }
    for (String[] r : csv("generator/provinces_34_2025.csv")) {
      String code = r[0];
      double population = 0;
      int communesBefore = 0;
      for (String old : r[3].split(";")) {
        population += POPULATION.get(old);
        communesBefore += oldCommunes.get(old);
      }
      Province p = new Province(code, r[1], r[5], population, MERGER, Optional.empty(), "34");
      provinces.add(p);
      Rng rng = Rng.of(seed, "communes34", code);
      DEPARTMENTS_34.forEach(
          (n, name) ->
              units.add(
                  new Unit(
                      String.format("000.00.%02d.%s", n, p.hcode()),
                      name,
                      Unit.Level.DEPARTMENT,
                      code,
                      "",
                      "",
                      MERGER,
                      Optional.empty(),
                      1.6)));
      int communes = Math.max(5, communesBefore / 3);
      for (int c = 1; c <= communes; c++) {
        String kind = c <= communes / 5 ? "Phường " : "Xã ";
        units.add(
            new Unit(
                String.format("%03d.00.00.%s", c, p.hcode()),
                "UBND "
                    + kind
                    + rng.pick(SYLLABLES)
                    + " "
                    + rng.pick(SYLLABLES).toLowerCase(java.util.Locale.ROOT),
                Unit.Level.COMMUNE,
                code,
                String.format("%05d", nextCommune++),
                "",
                MERGER,
                Optional.empty(),
                1.0));
      }
    }
  }

  /** The province of a code valid on a day. */
  Optional<Province> province(String code, LocalDate day) {
    return provinces.stream().filter(p -> p.code().equals(code) && p.validOn(day)).findFirst();
  }

  /** The provinces valid on a day. */
  List<Province> provincesOn(LocalDate day) {
    return provinces.stream().filter(p -> p.validOn(day)).toList();
  }

  /** The units of a province valid on a day. */
  List<Unit> unitsOf(Province p, LocalDate day) {
    return units.stream().filter(u -> u.provinceCode().equals(p.code()) && u.validOn(day)).toList();
  }

  @SafeVarargs
  private static <K, V> Map<K, V> ordered(Object... kv) {
    Map<K, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      K k = (K) kv[i];
      @SuppressWarnings("unchecked")
      V v = (V) kv[i + 1];
      m.put(k, v);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, Double> populations() {
    String data =
        "01:8435 02:906 04:543 06:324 08:805 10:770 11:635 12:478 14:1300 15:840 17:875 19:1335 20:802"
            + " 22:1362 24:1922 25:1495 26:1197 27:1488 30:1936 31:2088 33:1290 34:1879 35:878 36:1876 37:1010"
            + " 38:3722 40:3420 42:1323 44:913 45:650 46:1160 48:1220 49:1519 51:1245 52:1504 54:877 56:1253 58:600"
            + " 60:1251 62:580 64:1590 66:1918 67:670 68:1333 70:1024 72:1188 74:2763 75:3255 77:1187 79:9389"
            + " 80:1734 82:1790 83:1298 84:1019 86:1028 87:1600 89:1905 91:1751 92:1252 93:730 94:1200 95:921 96:1195";
    Map<String, Double> m = new LinkedHashMap<>();
    for (String kv : data.split(" ")) {
      String[] p = kv.split(":");
      m.put(p[0], Double.parseDouble(p[1]));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Rows of a committed CSV resource, header skipped; quoted fields are not used in these files.
   */
  static List<String[]> csv(String resource) {
    List<String[]> rows = new ArrayList<>();
    var in = Catalog.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
