package vn.dti.sample.gen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a source folder as the real systems deliver it:
 *
 * <pre>
 * reference/  provinces_63_to_34_2025.csv, provinces_34_2025.csv, agencies.csv, procedures.csv
 * portal/     dossiers-YYYY-MM-DD.jsonl (dossiers created or changed that day), feedback-YYYY-MM-DD.jsonl
 * payments/   paygov-YYYY-MM-DD.csv (national platform), local-YYYY-MM-DD.xlsx (the province's gateway)
 * dms/        schema.sql, load.sql, csv/co_quan.csv, csv/van_ban_di.csv, csv/van_ban_den.csv
 * assessment/ YYYY/&lt;province&gt;.xlsx (self-assessment forms)
 * manifest.csv (every injected defect), generator.properties, INDEX
 * </pre>
 *
 * Records are streamed to disk day by day; only the dossiers still open are held in memory.
 */
public final class SourceGenerator {
  /** Dossiers per year at scale factor 1: one mid-size province-year. */
  public static final double DOSSIERS_PER_SF_YEAR = 1_500_000;

  /** Documents (incoming and outgoing) per year at scale factor 1. */
  public static final double DOCUMENTS_PER_SF_YEAR = 500_000;

  /** Feedback items per dossier. */
  static final double FEEDBACK_PER_DOSSIER = 1.0 / 400;

  private static final DateTimeFormatter VN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT);
  private static final String[] BANKS = {
    "Vietcombank",
    "VietinBank",
    "BIDV",
    "Agribank",
    "Techcombank",
    "MB",
    "VNPT Money",
    "Viettel Money"
  };
  private static final Map<Integer, Integer> DEPARTMENT_MERGER =
      Map.of(10, 7, 8, 9, 4, 5, 12, 2, 11, 14, 20, 5);

  /**
   * What to generate.
   *
   * @param scale SF: {@code scale × 1.5 M} dossiers a year over the whole country
   * @param focusProvinces provinces (63-era codes) generated in depth; empty for population shares
   *     only
   * @param focusShare the share of the volume the focus provinces take together
   * @param communesPerDistrict average communes per district in the unit catalogue
   * @param compressPortal write the portal's JSON Lines gzip-compressed ({@code .jsonl.gz})
   */
  public record Spec(
      double scale,
      int fromYear,
      int toYear,
      long seed,
      double dirtyRate,
      List<String> focusProvinces,
      double focusShare,
      int communesPerDistrict,
      boolean compressPortal) {
    public Spec {
      if (scale <= 0) {
        throw new IllegalArgumentException("--scale must be positive, got " + scale);
      }
      if (fromYear < 2020 || toYear > 2027 || fromYear > toYear) {
        throw new IllegalArgumentException(
            "--years must be within 2020-2027, first year first, got " + fromYear + "-" + toYear);
      }
      if (dirtyRate < 0 || dirtyRate > 0.5) {
        throw new IllegalArgumentException(
            "--dirty-rate must be between 0 and 0.5, got " + dirtyRate);
      }
      if (focusShare < 0 || focusShare >= 1) {
        throw new IllegalArgumentException("focus share must be in [0, 1), got " + focusShare);
      }
      focusProvinces = List.copyOf(focusProvinces);
    }

    /** National data distributed by population. */
    public static Spec national(
        double scale, int fromYear, int toYear, long seed, double dirtyRate) {
      return new Spec(scale, fromYear, toYear, seed, dirtyRate, List.of(), 0, 16, false);
    }
  }

  /** Counts of what was written. */
  public record Summary(
      long dossiers,
      long portalLines,
      long feedback,
      long payments,
      long documents,
      long assessmentForms,
      long defects,
      List<String> files) {}

  private final Spec spec;
  private final Path out;
  private final Consumer<String> progress;
  private final Catalog catalog;
  private final Map<String, Double> share = new HashMap<>();
  private final Map<String, UnitProfile> profiles = new HashMap<>();
  private final Map<String, Setup> setups = new HashMap<>();
  private final TreeMap<LocalDate, List<Pending>> pendingSnapshots = new TreeMap<>();
  private final TreeMap<LocalDate, List<Payment>> pendingPayments = new TreeMap<>();
  private final TreeMap<LocalDate, List<String[]>> pendingFeedback = new TreeMap<>();
  private final Map<String, Integer> documentNumbers = new HashMap<>();
  private final TreeSet<String> files = new TreeSet<>();
  private final Map<String, String> lastSnapshot = new HashMap<>();
  private Manifest manifest;
  private long dossiers;
  private long portalLines;
  private long feedbackCount;
  private long payments;
  private long documents;
  private long forms;
  private long documentId;
  private long outgoingRows;
  private long incomingRows;

  private record Pending(LocalDateTime at, Dossier dossier) {}

  private record Payment(LocalDateTime at, String[] fields, int channel) {}

  /** A province in one era, ready to draw from. */
  private record Setup(
      Province province,
      List<Unit> units,
      double[] dossierWeights,
      double[] documentWeights,
      Map<String, List<Procedure>> procedures) {}

  private SourceGenerator(Spec spec, Path out, Consumer<String> progress) {
    this.spec = spec;
    this.out = out;
    this.progress = progress;
    this.catalog = new Catalog(spec.seed(), spec.communesPerDistrict());
    double total = Catalog.POPULATION.values().stream().mapToDouble(Double::doubleValue).sum();
    double focusPopulation =
        spec.focusProvinces().stream().mapToDouble(Catalog.POPULATION::get).sum();
    for (var e : Catalog.POPULATION.entrySet()) {
      double s;
      if (spec.focusProvinces().isEmpty()) {
        s = e.getValue() / total;
      } else if (spec.focusProvinces().contains(e.getKey())) {
        s = spec.focusShare() * e.getValue() / focusPopulation;
      } else {
        s = (1 - spec.focusShare()) * e.getValue() / (total - focusPopulation);
      }
      share.put("63:" + e.getKey(), s);
      share.merge("34:" + catalog.successor.get(e.getKey()), s, Double::sum);
    }
  }

  /** Generates everything into {@code out}; {@code progress} receives a line per month. */
  public static Summary generate(Spec spec, Path out, Consumer<String> progress) {
    try {
      return new SourceGenerator(spec, out, progress).run();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the generated sources to " + out + ": " + e.getMessage(), e);
    }
  }

  private Summary run() throws IOException {
    for (String dir : List.of("reference", "portal", "payments", "dms/csv", "assessment")) {
      Files.createDirectories(out.resolve(dir));
    }
    writeReference();
    LocalDate first = LocalDate.of(spec.fromYear(), 1, 1);
    LocalDate last = LocalDate.of(spec.toYear(), 12, 31);
    try (Manifest m = new Manifest(out.resolve("manifest.csv"));
        BufferedWriter outgoing = writer("dms/csv/van_ban_di.csv");
        BufferedWriter incoming = writer("dms/csv/van_ban_den.csv")) {
      manifest = m;
      outgoing.write(
          "id,ma_co_quan,so,ky_hieu,so_ky_hieu,nam,ngay_ban_hanh,loai_van_ban,trich_yeu,nguoi_ky,da_ky_so,"
              + "thoi_gian_ky_so,do_khan,do_mat,gui_truc_lien_thong,xu_ly_tren_he_thong,ngay_cap_nhat\n");
      incoming.write(
          "id,ma_co_quan,so_den,nam,ngay_den,so_ky_hieu_goc,co_quan_ban_hanh,loai_van_ban,trich_yeu,do_khan,"
              + "do_mat,nhan_truc_lien_thong,xu_ly_tren_he_thong,han_xu_ly,ngay_hoan_thanh,ngay_cap_nhat\n");
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        double norm = meanFactor(day.getYear());
        for (Province p : catalog.provincesOn(day)) {
          Setup s = setup(p, day);
          drawDossiers(s, day, norm);
          drawDocuments(s, day, norm, outgoing, incoming);
        }
        writePortal(day);
        writeFeedback(day);
        writePayments(day);
        if (day.getDayOfMonth() == day.lengthOfMonth()) {
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "generated %s: %,d dossiers, %,d documents, %,d payments so far",
                  day.toString().substring(0, 7),
                  dossiers,
                  documents,
                  payments));
        }
      }
      for (int year = spec.fromYear(); year <= spec.toYear(); year++) {
        writeAssessments(year);
      }
      writeDms();
      writeProperties();
      files.add("manifest.csv");
      files.add("INDEX");
      Files.writeString(
          out.resolve("INDEX"), String.join("\n", files) + "\n", StandardCharsets.UTF_8);
      return new Summary(
          dossiers,
          portalLines,
          feedbackCount,
          payments,
          documents,
          forms,
          m.count(),
          List.copyOf(files));
    }
  }

  // ------------------------------------------------------------------ reference

  private void writeReference() throws IOException {
    for (String f : List.of("provinces_63_to_34_2025.csv", "provinces_34_2025.csv")) {
      try (var in =
          Objects.requireNonNull(
              getClass().getClassLoader().getResourceAsStream("generator/" + f))) {
        Files.write(out.resolve("reference/" + f), in.readAllBytes());
      }
      files.add("reference/" + f);
    }
    try (BufferedWriter w = writer("reference/agencies.csv")) {
      w.write(
          "unit_code,unit_name,unit_level,province_code,valid_from,valid_to,parent_unit_code,gso_code\n");
      for (Unit u : catalog.units) {
        w.write(
            Csv.row(
                u.code(),
                u.name(),
                u.level().label,
                u.provinceCode(),
                u.validFrom(),
                u.validTo().map(Object::toString).orElse(""),
                u.parentCode(),
                u.gsoCode()));
        w.write('\n');
      }
    }
    try (BufferedWriter w = writer("reference/procedures.csv")) {
      w.write(
          "procedure_code,procedure_name,field,level,online_level,full_online_eligible,fee_vnd,"
              + "financial_obligation,paper_result,processing_days,applicant_types\n");
      for (Procedure p : Procedure.CATALOGUE) {
        w.write(
            Csv.row(
                p.code(),
                p.name(),
                p.field(),
                p.level().label,
                p.onlineLevel(),
                p.fullOnlineEligible(),
                p.feeVnd(),
                p.financialObligation(),
                p.paperResult(),
                p.processingDays(),
                p.applicants()));
        w.write('\n');
      }
    }
  }

  private Setup setup(Province p, LocalDate day) {
    return setups.computeIfAbsent(
        p.era() + ":" + p.code(),
        k -> {
          List<Unit> units = catalog.unitsOf(p, day);
          Map<String, List<Procedure>> procedures = new HashMap<>();
          Map<Unit.Level, Integer> perLevel = new HashMap<>();
          for (Unit u : units) {
            List<Procedure> list = proceduresOf(u, p.era());
            procedures.put(u.code(), list);
            if (!list.isEmpty()) {
              perLevel.merge(u.level(), 1, Integer::sum);
            }
          }
          Map<Unit.Level, Double> levelShare =
              p.era().equals("63")
                  ? Map.of(
                      Unit.Level.DEPARTMENT,
                      0.30,
                      Unit.Level.DISTRICT,
                      0.35,
                      Unit.Level.COMMUNE,
                      0.35)
                  : Map.of(Unit.Level.DEPARTMENT, 0.35, Unit.Level.COMMUNE, 0.65);
          double[] dw = new double[units.size()];
          double[] cw = new double[units.size()];
          double acc = 0;
          for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (!procedures.get(u.code()).isEmpty()) {
              acc += levelShare.getOrDefault(u.level(), 0.0) / perLevel.get(u.level());
            }
            dw[i] = acc;
            cw[i] = i + 1;
          }
          return new Setup(p, units, dw, cw, procedures);
        });
  }

  /** How often a procedure is used relative to others at its level (default 2). */
  private static final Map<String, Integer> PROCEDURE_WEIGHT =
      Map.ofEntries(
          Map.entry("1.001193", 8),
          Map.entry("2.000908", 10),
          Map.entry("1.004837", 4),
          Map.entry("1.004746", 4),
          Map.entry("1.004873", 3),
          Map.entry("1.000689", 2),
          Map.entry("1.008901", 1),
          Map.entry("1.003062", 2),
          Map.entry("1.001687", 4),
          Map.entry("1.000894", 3),
          Map.entry("1.004436", 3),
          Map.entry("1.003930", 1),
          Map.entry("1.004227", 4),
          Map.entry("2.001711", 4),
          Map.entry("2.000046", 3));

  /**
   * The procedures a unit handles, each repeated by its weight so that a uniform pick follows the
   * usage mix.
   */
  private static List<Procedure> proceduresOf(Unit u, String era) {
    List<Procedure> out = new ArrayList<>();
    for (Procedure p : Procedure.CATALOGUE) {
      boolean match =
          switch (u.level()) {
            case DEPARTMENT ->
                p.level() == Unit.Level.DEPARTMENT
                    && deptOf(u)
                        == (era.equals("34")
                            ? DEPARTMENT_MERGER.getOrDefault(p.department(), p.department())
                            : p.department());
            case DISTRICT -> p.level() == Unit.Level.DISTRICT;
            case COMMUNE ->
                p.level() == Unit.Level.COMMUNE
                    || (era.equals("34") && p.level() == Unit.Level.DISTRICT);
          };
      if (match) {
        for (int i = PROCEDURE_WEIGHT.getOrDefault(p.code(), 2); i > 0; i--) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static int deptOf(Unit u) {
    return Integer.parseInt(u.code().substring(7, 9));
  }

  private double meanFactor(int year) {
    double sum = 0;
    LocalDate d = LocalDate.of(year, 1, 1);
    for (; d.getYear() == year; d = d.plusDays(1)) {
      sum += Calendar.factor(d);
    }
    return sum / LocalDate.of(year, 12, 31).getDayOfYear();
  }

  private UnitProfile profile(Unit u, Province p) {
    return profiles.computeIfAbsent(
        u.code(),
        c -> new UnitProfile(spec.seed(), c, UnitProfile.provinceMaturity(spec.seed(), p.code())));
  }

  /**
   * The expected number of records a province produces on a day: its share of SF × the yearly
   * volume, shaped by the calendar (weekdays, holidays, Tết); {@code norm} makes the calendar
   * factors of a year average to one.
   */
  private double expectedPerDay(Province p, LocalDate day, double perSfYear, double norm) {
    return spec.scale()
        * perSfYear
        / 365.0
        * share.get(p.era() + ":" + p.code())
        * Calendar.factor(day)
        / norm;
  }

  // ------------------------------------------------------------------ portal

  private void drawDossiers(Setup s, LocalDate day, double norm) {
    Province p = s.province();
    Rng r = Rng.of(spec.seed(), "dossiers", p.code(), day);
    int n = r.poisson(expectedPerDay(p, day, DOSSIERS_PER_SF_YEAR, norm));
    Map<String, Integer> seq = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Unit u = s.units().get(r.weighted(s.dossierWeights()));
      Procedure proc = r.pick(s.procedures().get(u.code()));
      Dossier d =
          Dossier.draw(
              r, u, proc, profile(u, p), day, seq.merge(u.code(), 1, Integer::sum), p.code());
      dossiers++;
      for (LocalDateTime t : d.changeTimes()) {
        if (t.toLocalDate().isBefore(day)) {
          continue;
        }
        pendingSnapshots
            .computeIfAbsent(t.toLocalDate(), k -> new ArrayList<>())
            .add(new Pending(t, d));
      }
      if (d.paidOnline > 0) {
        schedulePayments(r, d);
      }
      if (r.chance(FEEDBACK_PER_DOSSIER * 2)) {
        scheduleFeedback(r, d, p);
      }
    }
  }

  private void writePortal(LocalDate day) throws IOException {
    List<Pending> today = pendingSnapshots.remove(day);
    if (today == null || today.isEmpty()) {
      return;
    }
    today.sort(Comparator.comparing(Pending::at).thenComparing(x -> x.dossier().id));
    String name = "portal/dossiers-" + day + ".jsonl" + (spec.compressPortal() ? ".gz" : "");
    Rng r = Rng.of(spec.seed(), "portal-defects", day);
    long line = 0;
    try (BufferedWriter w = writer(name)) {
      for (Pending x : today) {
        String json = x.dossier().snapshot(x.at(), Dossier.TS);
        String previous = lastSnapshot.put(x.dossier().id, json);
        if (x.dossier().events.get(x.dossier().events.size() - 1).at().equals(x.at())) {
          lastSnapshot.remove(x.dossier().id);
        }
        if (r.chance(spec.dirtyRate())) {
          line = writeDefective(w, name, line, r, x, json, previous);
        } else {
          w.write(json);
          w.write('\n');
          line++;
        }
        portalLines++;
      }
    }
  }

  private long writeDefective(
      BufferedWriter w, String file, long line, Rng r, Pending x, String json, String previous)
      throws IOException {
    Dossier d = x.dossier();
    Defect defect =
        r.pick(
            new Defect[] {
              Defect.MALFORMED_LINE,
              Defect.MISSING_KEY,
              Defect.IMPOSSIBLE_DATE,
              Defect.FUTURE_DATE,
              Defect.VN_DATE_FORMAT,
              Defect.UNKNOWN_UNIT,
              Defect.EXACT_DUPLICATE,
              Defect.CONFLICTING_DUPLICATE,
              Defect.OUT_OF_ORDER,
              Defect.NFD_TEXT,
              Defect.CODE_WHITESPACE_CASE
            });
    String text = json;
    String field = "";
    switch (defect) {
      case MALFORMED_LINE ->
          text = json.substring(0, 20 + r.nextInt(Math.max(1, json.length() / 2)));
      case MISSING_KEY -> {
        text = json.replaceFirst("\"MaHoSo\":\"[^\"]*\",", "");
        field = "MaHoSo";
      }
      case IMPOSSIBLE_DATE -> {
        text =
            json.replaceFirst(
                "\"NgayNopHoSo\":\"(\\d{4})-\\d{2}-\\d{2}T", "\"NgayNopHoSo\":\"$1-02-30T");
        field = "NgayNopHoSo";
      }
      case FUTURE_DATE -> {
        text =
            json.replaceFirst(
                "\"NgayNopHoSo\":\"(\\d{4})", "\"NgayNopHoSo\":\"" + (x.at().getYear() + 5));
        field = "NgayNopHoSo";
      }
      case VN_DATE_FORMAT -> {
        text = d.snapshot(x.at(), VN);
        field = "NgayNopHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra";
      }
      case UNKNOWN_UNIT -> {
        text =
            json.replace(
                "\"DonViXuLy\":\"" + d.unit.code() + "\"",
                "\"DonViXuLy\":\"" + d.unit.code().substring(0, 10) + "H99\"");
        field = "DonViXuLy";
      }
      case NFD_TEXT -> {
        text = json.replace(d.person[0], Normalizer.normalize(d.person[0], Normalizer.Form.NFD));
        field = "ChuHoSo";
      }
      case CODE_WHITESPACE_CASE -> {
        text =
            json.replace(
                "\"DonViXuLy\":\"" + d.unit.code() + "\"",
                "\"DonViXuLy\":\" " + d.unit.code().toLowerCase(Locale.ROOT) + " \"");
        field = "DonViXuLy";
      }
      default -> {}
    }
    if (defect == Defect.OUT_OF_ORDER && previous == null
        || defect != Defect.EXACT_DUPLICATE
            && defect != Defect.CONFLICTING_DUPLICATE
            && defect != Defect.OUT_OF_ORDER
            && text.equals(json)) {
      // The chosen defect cannot be shown on this record (no earlier version, no accented name):
      // it becomes an exact duplicate, so that every manifest entry is really in the file.
      defect = Defect.EXACT_DUPLICATE;
      text = json;
      field = "";
    }
    w.write(text);
    w.write('\n');
    line++;
    // For duplicates and stale versions the manifest names the injected extra line.
    String extra =
        switch (defect) {
          case EXACT_DUPLICATE -> json;
          case CONFLICTING_DUPLICATE -> {
            int status = json.contains("\"TrangThaiHoSo\":4,") ? 5 : 4;
            field = "TrangThaiHoSo";
            yield json.replaceFirst("\"TrangThaiHoSo\":\\d+,", "\"TrangThaiHoSo\":" + status + ",");
          }
          case OUT_OF_ORDER -> previous;
          default -> null;
        };
    if (extra != null) {
      w.write(extra);
      w.write('\n');
      line++;
    }
    manifest.add("portal", file, line, d.id, defect, field);
    return line;
  }

  private void scheduleFeedback(Rng r, Dossier d, Province p) {
    LocalDateTime at = d.receivedAt.plusDays(r.between(1, 20)).withHour(8 + r.nextInt(12));
    LocalDateTime due = at.plusDays(21);
    boolean handled = r.chance(0.93);
    LocalDateTime done =
        handled ? at.plusDays(r.chance(0.85) ? r.between(1, 20) : r.between(22, 40)) : null;
    String[] person = People.person(r, p.code().length() == 2 ? p.code() : "00");
    int kind = r.chance(0.7) ? 1 : r.chance(0.6) ? 2 : 3;
    String id = "PAKN-" + d.id;
    String[] base = {
      id,
      d.unit.code(),
      d.id,
      String.valueOf(kind),
      at.format(Dossier.TS),
      due.format(Dossier.TS),
      null,
      "1",
      String.valueOf(r.between(0, 5)),
      String.valueOf(r.chance(0.2) ? r.between(1, 6) : 0),
      person[0],
      person[2],
      person[3],
      at.format(Dossier.TS)
    };
    pendingFeedback.computeIfAbsent(at.toLocalDate(), k -> new ArrayList<>()).add(base);
    if (done != null) {
      String[] closed = base.clone();
      closed[6] = done.format(Dossier.TS);
      closed[7] = "3";
      closed[13] = done.format(Dossier.TS);
      pendingFeedback.computeIfAbsent(done.toLocalDate(), k -> new ArrayList<>()).add(closed);
    }
  }

  private void writeFeedback(LocalDate day) throws IOException {
    List<String[]> today = pendingFeedback.remove(day);
    if (today == null) {
      return;
    }
    today.sort(Comparator.comparing((String[] f) -> f[13]).thenComparing(f -> f[0]));
    try (BufferedWriter w =
        writer("portal/feedback-" + day + ".jsonl" + (spec.compressPortal() ? ".gz" : ""))) {
      for (String[] f : today) {
        StringBuilder sb = new StringBuilder(400);
        new Json(sb)
            .str("MaPAKN", f[0])
            .str("DonViXuLy", f[1])
            .str("MaHoSo", f[2])
            .num("PhanLoai", Long.parseLong(f[3]))
            .str("NgayTiepNhan", f[4])
            .str("HanXuLy", f[5])
            .str("NgayXuLy", f[6])
            .num("TrangThai", Long.parseLong(f[7]))
            .num("SoLuotThich", Long.parseLong(f[8]))
            .num("SoLuotKhongThich", Long.parseLong(f[9]))
            .str("NguoiGui", f[10])
            .str("SoDienThoai", f[11])
            .str("Email", f[12])
            .str("NgayCapNhat", f[13])
            .end();
        w.write(sb.toString());
        w.write('\n');
        feedbackCount++;
      }
    }
  }

  // ------------------------------------------------------------------ payments

  /**
   * One transaction per payment request: the fees due at the same moment (fee and charge at
   * submission, a land obligation later) are paid together, as on the portal's checkout.
   */
  private void schedulePayments(Rng r, Dossier d) {
    Map<LocalDateTime, List<Dossier.Fee>> requests = new TreeMap<>();
    for (Dossier.Fee f : d.fees) {
      requests.computeIfAbsent(f.payableAt(), k -> new ArrayList<>()).add(f);
    }
    int k = 0;
    for (Map.Entry<LocalDateTime, List<Dossier.Fee>> request : requests.entrySet()) {
      k++;
      List<Dossier.Fee> fees = request.getValue();
      LocalDateTime at = request.getKey().plusMinutes(r.between(5, 600));
      String ref = String.format(Locale.ROOT, "%s-%s-%d", d.paidOnline == 1 ? "PG" : "LP", d.id, k);
      long amount = fees.stream().mapToLong(Dossier.Fee::amountVnd).sum();
      String kind =
          fees.stream()
              .map(
                  f ->
                      switch (f.kind()) {
                        case 1 -> "Phí";
                        case 2 -> "Lệ phí";
                        default -> "Nghĩa vụ tài chính";
                      })
              .distinct()
              .collect(java.util.stream.Collectors.joining("; "));
      String bank = r.pick(BANKS);
      int attempt = 0;
      if (r.chance(0.06)) {
        add(at, d, ref, kind, amount, bank, ++attempt, "51", 4);
        at = at.plusMinutes(r.between(2, 120));
      }
      if (r.chance(0.02)) {
        add(at, d, ref, kind, amount, bank, ++attempt, "09", 3);
        at = at.plusDays(1).withHour(6).withMinute(r.nextInt(60));
        add(at, d, ref, kind, amount, bank, attempt, "00", 1);
      } else {
        add(at, d, ref, kind, amount, bank, ++attempt, "00", 1);
      }
    }
  }

  private void add(
      LocalDateTime at,
      Dossier d,
      String ref,
      String kind,
      long amountVnd,
      String bank,
      int attempt,
      String error,
      int status) {
    String[] fields = {
      ref,
      d.id,
      d.procedure.code(),
      d.unit.code(),
      String.valueOf(amountVnd),
      kind,
      bank,
      ref.replace("-", "") + "T" + attempt,
      error,
      String.valueOf(status),
      at.format(Dossier.TS),
      d.person[0],
      d.person[1]
    };
    pendingPayments
        .computeIfAbsent(at.toLocalDate(), k -> new ArrayList<>())
        .add(new Payment(at, fields, d.paidOnline));
  }

  static final String[] PAYMENT_COLUMNS = {
    "MaThamChieu",
    "MaHoSo",
    "MaTTHC",
    "MaDonVi",
    "SoTien",
    "LoaiPhi",
    "NganHang",
    "MaGiaoDich",
    "MaLoi",
    "TrangThaiGD",
    "ThoiGianGD",
    "TenNguoiNop",
    "SoGiayToNguoiNop"
  };

  private void writePayments(LocalDate day) throws IOException {
    List<Payment> today = pendingPayments.remove(day);
    if (today == null) {
      return;
    }
    today.sort(
        Comparator.comparing(Payment::at)
            .thenComparing(p -> p.fields()[7])
            .thenComparing(p -> p.fields()[9]));
    Rng r = Rng.of(spec.seed(), "payment-defects", day);
    List<String[]> national = new ArrayList<>();
    List<String[]> local = new ArrayList<>();
    for (Payment p : today) {
      (p.channel() == 1 ? national : local).add(p.fields().clone());
    }
    if (!national.isEmpty()) {
      String name = "payments/paygov-" + day + ".csv";
      List<String[]> rows = dirtyPayments(r, name, national);
      try (BufferedWriter w = writer(name)) {
        w.write(String.join(",", PAYMENT_COLUMNS));
        w.write('\n');
        for (String[] f : rows) {
          w.write(Csv.row((Object[]) f));
          w.write('\n');
        }
      }
      payments += national.size();
    }
    if (!local.isEmpty()) {
      String name = "payments/local-" + day + ".xlsx";
      List<String[]> rows = dirtyPayments(r, name, local);
      try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
        Sheet s = wb.createSheet("GiaoDich");
        Row h = s.createRow(0);
        for (int i = 0; i < PAYMENT_COLUMNS.length; i++) {
          h.createCell(i).setCellValue(PAYMENT_COLUMNS[i]);
        }
        for (int i = 0; i < rows.size(); i++) {
          Row row = s.createRow(i + 1);
          String[] f = rows.get(i);
          for (int c = 0; c < f.length; c++) {
            if (c == 4 && f[c] != null && f[c].matches("-?\\d+")) {
              row.createCell(c).setCellValue(Long.parseLong(f[c]));
            } else if (f[c] != null) {
              row.createCell(c).setCellValue(f[c]);
            }
          }
        }
        Xlsx.write(wb, out.resolve(name), Date.valueOf(day));
        wb.dispose();
      }
      files.add(name);
      payments += local.size();
    }
  }

  /**
   * Applies defects to payment rows; the manifest's line is the data row number (1 = first row
   * after the header).
   */
  private List<String[]> dirtyPayments(Rng r, String file, List<String[]> rows) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String[] f : rows) {
      if (!r.chance(spec.dirtyRate())) {
        out.add(f);
        continue;
      }
      Defect defect =
          r.pick(
              new Defect[] {
                Defect.DOTTED_AMOUNT,
                Defect.NON_POSITIVE_AMOUNT,
                Defect.MISSING_KEY,
                Defect.IMPOSSIBLE_DATE,
                Defect.VN_DATE_FORMAT,
                Defect.EXACT_DUPLICATE,
                Defect.UNKNOWN_UNIT
              });
      String[] g = f.clone();
      String field = "";
      switch (defect) {
        case DOTTED_AMOUNT -> {
          // Amounts under 1,000 VND have no thousands separator; those get a leading zero block.
          long amount = Long.parseLong(f[4]);
          g[4] =
              amount >= 1000
                  ? String.format(Locale.GERMANY, "%,d", amount)
                  : "0." + String.format("%03d", amount);
          field = "SoTien";
        }
        case NON_POSITIVE_AMOUNT -> {
          g[4] = r.chance(0.5) ? "0" : "-" + f[4];
          field = "SoTien";
        }
        case MISSING_KEY -> {
          g[0] = "";
          field = "MaThamChieu";
        }
        case IMPOSSIBLE_DATE -> {
          g[10] = f[10].substring(0, 4) + "-02-30" + f[10].substring(10);
          field = "ThoiGianGD";
        }
        case VN_DATE_FORMAT -> {
          g[10] = LocalDateTime.parse(f[10], Dossier.TS).format(VN);
          field = "ThoiGianGD";
        }
        case UNKNOWN_UNIT -> {
          g[3] = f[3].substring(0, 10) + "H99";
          field = "MaDonVi";
        }
        default -> {}
      }
      out.add(g);
      if (defect == Defect.EXACT_DUPLICATE) {
        out.add(f.clone()); // the manifest names the repeated row
      }
      manifest.add("payments", file, out.size(), f[0] + "/" + f[7], defect, field);
    }
    return out;
  }

  // ------------------------------------------------------------------ document management

  private static final String[][] DOC_TYPES = {
    {"Công văn", ""},
    {"Công văn", ""},
    {"Công văn", ""},
    {"Quyết định", "QĐ"},
    {"Báo cáo", "BC"},
    {"Kế hoạch", "KH"},
    {"Tờ trình", "TTr"},
    {"Thông báo", "TB"},
    {"Giấy mời", "GM"}
  };
  private static final String[] TOPICS = {
    "chuyển đổi số",
    "cải cách hành chính",
    "dịch vụ công trực tuyến",
    "an toàn thông tin mạng",
    "triển khai Đề án 06",
    "thanh toán không dùng tiền mặt",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "phòng, chống thiên tai",
    "công tác thi đua, khen thưởng",
    "quản lý đất đai",
    "xây dựng nông thôn mới",
    "phát triển kinh tế số",
    "kiểm tra công vụ",
    "tổ chức hội nghị trực tuyến"
  };
  private static final String[] URGENCY = {
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Thường",
    "Khẩn",
    "Khẩn",
    "Thượng khẩn",
    "Hỏa tốc"
  };

  private void drawDocuments(
      Setup s, LocalDate day, double norm, BufferedWriter outgoing, BufferedWriter incoming)
      throws IOException {
    if (!Calendar.workday(day)) {
      return;
    }
    Province p = s.province();
    Rng r = Rng.of(spec.seed(), "documents", p.code(), day);
    int n = r.poisson(expectedPerDay(p, day, DOCUMENTS_PER_SF_YEAR, norm));
    for (int i = 0; i < n; i++) {
      Unit u = s.units().get(r.weighted(s.documentWeights()));
      UnitProfile prof = profile(u, p);
      String[] type = r.pick(DOC_TYPES);
      String topic = r.pick(TOPICS);
      String summary =
          switch (type[0]) {
            case "Quyết định" -> "Quyết định về việc " + topic;
            case "Báo cáo" ->
                "Báo cáo kết quả " + topic + " tháng " + day.getMonthValue() + "/" + day.getYear();
            case "Kế hoạch" -> "Kế hoạch " + topic + " năm " + day.getYear();
            case "Giấy mời" -> "Mời dự họp về " + topic;
            default -> "V/v " + topic;
          };
      String urgency = r.pick(URGENCY);
      String secrecy = r.chance(0.97) ? "Thường" : r.chance(0.8) ? "Mật" : "Tối mật";
      LocalDateTime at = day.atTime(7 + r.nextInt(10), r.nextInt(60), r.nextInt(60));
      documentId++;
      String id = String.valueOf(documentId);
      boolean dirty = r.chance(spec.dirtyRate());
      Defect defect =
          dirty
              ? r.pick(
                  new Defect[] {Defect.NFD_TEXT, Defect.CODE_WHITESPACE_CASE, Defect.FUTURE_DATE})
              : null;
      String agency = u.code();
      String field = "";
      if (defect == Defect.NFD_TEXT) {
        summary = Normalizer.normalize(summary, Normalizer.Form.NFD);
        field = "trich_yeu";
      } else if (defect == Defect.CODE_WHITESPACE_CASE) {
        agency = " " + agency.toLowerCase(Locale.ROOT);
        field = "ma_co_quan";
      }
      LocalDate issued = defect == Defect.FUTURE_DATE ? day.plusYears(5) : day;
      if (r.chance(0.45)) {
        String key = u.code() + "/" + day.getYear() + "/" + type[1];
        int so = documentNumbers.merge(key, 1, Integer::sum);
        String abbr = abbreviation(u);
        String notation = type[1].isEmpty() ? abbr + "-VP" : type[1] + "-" + abbr;
        boolean signed = r.chance(prof.signed(day));
        outgoing.write(
            Csv.row(
                id,
                agency,
                so,
                notation,
                so + "/" + notation,
                day.getYear(),
                issued,
                type[0],
                summary,
                People.official(r),
                signed,
                signed
                    ? at.plusMinutes(r.between(1, 300)).format(Dossier.TS).replace('T', ' ')
                    : null,
                urgency,
                secrecy,
                r.chance(0.35),
                r.chance(0.9 + 0.09 * prof.signed(day)),
                at.plusMinutes(r.between(1, 600)).format(Dossier.TS).replace('T', ' ')));
        outgoing.write('\n');
        outgoingRows++;
        if (defect != null) {
          manifest.add(
              "dms",
              "dms/csv/van_ban_di.csv",
              outgoingRows,
              id,
              defect,
              defect == Defect.FUTURE_DATE ? "ngay_ban_hanh" : field);
        }
      } else {
        String key = u.code() + "/" + day.getYear() + "/den";
        int so = documentNumbers.merge(key, 1, Integer::sum);
        LocalDate due = r.chance(0.4) ? day.plusDays(r.between(5, 15)) : null;
        LocalDate done = due != null && r.chance(0.85) ? day.plusDays(r.between(1, 20)) : null;
        incoming.write(
            Csv.row(
                id,
                agency,
                so,
                day.getYear(),
                issued,
                r.between(1, 900) + "/" + (r.chance(0.5) ? "BTTTT-CĐSQG" : "UBND-KGVX"),
                r.chance(0.5) ? "Bộ Thông tin và Truyền thông" : "Ủy ban nhân dân tỉnh",
                type[0],
                summary,
                urgency,
                secrecy,
                r.chance(0.6),
                r.chance(0.9 + 0.09 * prof.signed(day)),
                due,
                done,
                at.plusMinutes(r.between(1, 600)).format(Dossier.TS).replace('T', ' ')));
        incoming.write('\n');
        incomingRows++;
        if (defect != null) {
          manifest.add(
              "dms",
              "dms/csv/van_ban_den.csv",
              incomingRows,
              id,
              defect,
              defect == Defect.FUTURE_DATE ? "ngay_den" : field);
        }
      }
      documents++;
    }
  }

  /**
   * The notation abbreviation of an agency: STTTT for Sở Thông tin và Truyền thông, UBND for local
   * offices.
   */
  static String abbreviation(Unit u) {
    if (u.level() != Unit.Level.DEPARTMENT) {
      return "UBND";
    }
    String name = u.name();
    if (!name.startsWith("Sở ")) {
      return switch (name) {
        case "Văn phòng UBND tỉnh" -> "VPUBND";
        case "Công an tỉnh" -> "CAT";
        case "Thanh tra tỉnh" -> "TTr";
        default -> "BQL";
      };
    }
    StringBuilder sb = new StringBuilder("S");
    for (String w : name.substring(3).split("[ ,\\-]+")) {
      if (!w.isEmpty() && !w.equals("và")) {
        sb.append(Character.toUpperCase(w.charAt(0)));
      }
    }
    return sb.toString();
  }

  private void writeDms() throws IOException {
    try (BufferedWriter w = writer("dms/csv/co_quan.csv")) {
      w.write("ma_dinh_danh,ten_co_quan,ma_tinh,cap,hieu_luc_tu,hieu_luc_den\n");
      for (Unit u : catalog.units) {
        w.write(
            Csv.row(
                u.code(),
                u.name(),
                u.provinceCode(),
                u.level().label,
                u.validFrom(),
                u.validTo().map(Object::toString).orElse(null)));
        w.write('\n');
      }
    }
    for (String f : List.of("schema.sql", "load.sql")) {
      try (var in =
          Objects.requireNonNull(
              getClass().getClassLoader().getResourceAsStream("generator/dms/" + f))) {
        Files.write(out.resolve("dms/" + f), in.readAllBytes());
      }
      files.add("dms/" + f);
    }
  }

  // ------------------------------------------------------------------ self-assessment

  /** The self-assessed DTI sub-indicators: code, name, unit of measure, kind (bool, pct, count). */
  static final String[][] ASSESSED = {
    {"NTS.1", "Có chuyên trang về chuyển đổi số trên Cổng thông tin điện tử", "Có/Không", "bool"},
    {"NTS.2", "Số tin, bài tuyên truyền về chuyển đổi số", "Tin, bài", "count"},
    {"TCS.1", "Ban hành nghị quyết, kế hoạch chuyển đổi số hằng năm", "Có/Không", "bool"},
    {"TCS.2", "Tỷ lệ chi ngân sách cho chuyển đổi số", "%", "pct"},
    {"HTS.1", "Tỷ lệ hộ gia đình có kết nối băng rộng cố định cáp quang", "%", "pct"},
    {"HTS.2", "Tỷ lệ thôn, bản được phủ sóng 4G", "%", "pct"},
    {"NLS.1", "Tỷ lệ cán bộ chuyên trách công nghệ thông tin, chuyển đổi số", "%", "pct"},
    {"NLS.2", "Số lượt người dân được tập huấn kỹ năng số", "Lượt", "count"},
    {"ATTT.1", "Tỷ lệ hệ thống thông tin được phê duyệt cấp độ an toàn", "%", "pct"},
    {
      "ATTT.2", "Có trung tâm giám sát an toàn thông tin (SOC) kết nối quốc gia", "Có/Không", "bool"
    },
    {"DTTM.1", "Có đề án phát triển đô thị thông minh được phê duyệt", "Có/Không", "bool"},
    {"HDKTS.1", "Tỷ trọng kinh tế số trong GRDP", "%", "pct"},
    {"HDKTS.2", "Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử", "%", "pct"},
    {"HDXHS.1", "Tỷ lệ dân số trưởng thành có điện thoại thông minh", "%", "pct"},
    {"HDXHS.2", "Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử", "%", "pct"}
  };

  public static final List<String> ASSESSMENT_HEADERS =
      List.of("STT", "Mã chỉ tiêu", "Tên chỉ tiêu", "Giá trị", "Đơn vị tính", "Minh chứng");

  private void writeAssessments(int year) throws IOException {
    LocalDate end = LocalDate.of(year, 12, 31);
    Files.createDirectories(out.resolve("assessment/" + year));
    List<Province> provinces = catalog.provincesOn(end);
    Rng pick = Rng.of(spec.seed(), "assessment-defect", year);
    int wrong = spec.dirtyRate() > 0 ? pick.nextInt(provinces.size()) : -1;
    for (int i = 0; i < provinces.size(); i++) {
      Province p = provinces.get(i);
      double m = UnitProfile.provinceMaturity(spec.seed(), p.code());
      Rng r = Rng.of(spec.seed(), "assessment", p.code(), year);
      String name = "assessment/" + year + "/" + p.code() + ".xlsx";
      try (XSSFWorkbook wb = new XSSFWorkbook()) {
        Sheet s = wb.createSheet("TuDanhGia");
        s.createRow(0)
            .createCell(0)
            .setCellValue("BIỂU TỰ ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP TỈNH (DTI)");
        s.createRow(1).createCell(0).setCellValue("Đơn vị: " + p.name());
        s.getRow(1).createCell(3).setCellValue(p.code());
        s.createRow(2).createCell(0).setCellValue("Năm đánh giá: " + year);
        s.getRow(2).createCell(3).setCellValue(year);
        Row h = s.createRow(4);
        for (int c = 0; c < ASSESSMENT_HEADERS.size(); c++) {
          h.createCell(c)
              .setCellValue(i == wrong && c == 3 ? "Kết quả" : ASSESSMENT_HEADERS.get(c));
        }
        double progress = (year - 2022) * 0.06;
        for (int k = 0; k < ASSESSED.length; k++) {
          Row row = s.createRow(5 + k);
          String[] a = ASSESSED[k];
          row.createCell(0).setCellValue(k + 1);
          row.createCell(1).setCellValue(a[0]);
          row.createCell(2).setCellValue(a[1]);
          double level = UnitProfile.clamp(m + progress + 0.1 * r.gaussian(), 0, 1);
          switch (a[3]) {
            case "bool" -> row.createCell(3).setCellValue(level > 0.35 ? 1 : 0);
            case "count" ->
                row.createCell(3).setCellValue(Math.round(level * 2000 + r.nextInt(200)));
            default ->
                row.createCell(3)
                    .setCellValue(
                        Math.round(UnitProfile.clamp(20 + 78 * level, 0, 100) * 100) / 100.0);
          }
          row.createCell(4).setCellValue(a[2]);
          row.createCell(5)
              .setCellValue(
                  String.format(
                      Locale.ROOT,
                      "Văn bản số %d/UBND-KGVX ngày %02d/%02d/%d",
                      r.between(100, 4000),
                      r.between(1, 28),
                      r.between(1, 12),
                      year));
        }
        Xlsx.write(wb, out.resolve(name), Date.valueOf(end));
      }
      files.add(name);
      forms++;
      if (i == wrong) {
        manifest.add("assessment", name, 5, p.code() + "/" + year, Defect.WRONG_LAYOUT, "D5");
      }
    }
  }

  private void writeProperties() throws IOException {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("seed", String.valueOf(spec.seed()));
    props.put("scale", String.valueOf(spec.scale()));
    props.put("years", spec.fromYear() + "-" + spec.toYear());
    props.put("dirty_rate", String.valueOf(spec.dirtyRate()));
    props.put("focus_provinces", String.join(";", spec.focusProvinces()));
    props.put("focus_share", String.valueOf(spec.focusShare()));
    props.put("dossiers", String.valueOf(dossiers));
    props.put("documents", String.valueOf(documents));
    props.put("payments", String.valueOf(payments));
    StringBuilder sb =
        new StringBuilder(
            "# Written by dti generate; the same values give byte-identical files.\n");
    props.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    Files.writeString(out.resolve("generator.properties"), sb.toString(), StandardCharsets.UTF_8);
    files.add("generator.properties");
  }

  private BufferedWriter writer(String relative) throws IOException {
    files.add(relative);
    java.io.OutputStream stream = Files.newOutputStream(out.resolve(relative));
    if (relative.endsWith(".gz")) {
      // Java's gzip header carries no timestamp, so the bytes depend on the content only.
      stream = new java.util.zip.GZIPOutputStream(stream, 1 << 16);
    }
    return new BufferedWriter(
        new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
  }

  static long epochDay(LocalDateTime t) {
    return t.toEpochSecond(ZoneOffset.UTC) / 86400;
  }
}
