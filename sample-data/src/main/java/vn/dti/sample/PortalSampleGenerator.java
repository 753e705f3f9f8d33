package vn.dti.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the committed sample: portal dossier extracts (JSON Lines, one file per day holding the
 * dossiers created or changed that day) for five provinces over May and June 2024, the agencies
 * they belong to, and a fixed set of defective records. The number of dossiers received and
 * processed on time per province and month is designed ({@link #PLAN}), so the expected 766 on-time
 * ranking can be worked out by hand; see {@code sample-data/README.md}.
 *
 * <p>Deterministic: the same seed writes byte-identical files.
 */
public final class PortalSampleGenerator {
  /** The last business day in the sample: data "as of" this day. */
  public static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

  public static final List<YearMonth> MONTHS =
      List.of(YearMonth.of(2024, 5), YearMonth.of(2024, 6));

  /** A province of the sample with its designed counts per month: received and on time. */
  record Plan(String provinceCode, String hcode, String district, int[] received, int[] onTime) {}

  static final List<Plan> PLAN =
      List.of(
          new Plan("70", "H10", "Huyện Đồng Phú", new int[] {300, 320}, new int[] {285, 304}),
          new Plan("24", "H03", "Huyện Lục Nam", new int[] {280, 300}, new int[] {252, 291}),
          new Plan("60", "H11", "Huyện Hàm Thuận Bắc", new int[] {260, 250}, new int[] {221, 225}),
          new Plan("75", "H19", "Huyện Trảng Bom", new int[] {250, 270}, new int[] {225, 243}),
          new Plan("68", "H36", "Huyện Đức Trọng", new int[] {200, 220}, new int[] {156, 187}));

  /**
   * Dossiers per province and month that were submitted online but not received (1) or refused (3).
   */
  static final int[] NOT_RECEIVED_STATUSES = {1, 1, 1, 3, 3};

  private static final String[][] PROCEDURES = {
    {"1.001612", "4"}, {"2.000908", "4"}, {"1.001193", "4"}, {"1.004227", "3"}, {"1.003010", "3"}
  };
  private static final String[] SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương"
  };
  private static final String[] MIDDLE = {
    "Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Đức"
  };
  private static final String[] GIVEN = {
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh",
        "Lan", "Linh",
    "Long", "Mai", "Nam", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
        "Vy", "Yến"
  };
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

  private final Random random;
  private final List<Line> lines = new ArrayList<>();
  private final TreeMap<String, Integer> sequence = new TreeMap<>();
  private final List<Dossier> finishedInMay = new ArrayList<>();

  /** One line of a day file. */
  private record Line(LocalDate day, LocalDateTime updatedAt, String json) {}

  /** One generated dossier's facts. */
  private record Dossier(
      String id,
      String agency,
      String procedure,
      int level,
      int channel,
      LocalDateTime submittedAt,
      LocalDateTime receivedAt,
      LocalDateTime dueAt,
      LocalDateTime finishedAt,
      int openStatus,
      int finalStatus,
      String[] person) {}

  private PortalSampleGenerator(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Writes the sample under {@code out} (portal/, reference/agencies.csv, INDEX) with the given
   * seed.
   */
  public static void generate(Path out, long seed) {
    try {
      new PortalSampleGenerator(seed).write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the sample to " + out + ": " + e.getMessage(), e);
    }
  }

  /** {@code PortalSampleGenerator OUT_DIR [SEED]}: regenerates the committed sample. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: PortalSampleGenerator OUT_DIR [SEED]");
      System.exit(2);
    }
    generate(Path.of(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 20240630L);
  }

  /** Agency code of a department: {@code 000.00.<nn>.<H-code>}. */
  static String department(String hcode, int n) {
    return String.format("000.00.%02d.%s", n, hcode);
  }

  /** Agency code of a district's one-stop office: {@code 000.<nn>.00.<H-code>}. */
  static String district(String hcode, int n) {
    return String.format("000.%02d.00.%s", n, hcode);
  }

  private void write(Path out) throws IOException {
    Files.createDirectories(out.resolve("portal"));
    Files.createDirectories(out.resolve("reference"));
    writeAgencies(out.resolve("reference/agencies.csv"));
    for (Plan p : PLAN) {
      for (int m = 0; m < MONTHS.size(); m++) {
        generateMonth(p, MONTHS.get(m), p.received()[m], p.onTime()[m]);
      }
    }
    injectDefects();
    TreeSet<String> index =
        new TreeSet<>(
            List.of(
                "reference/agencies.csv",
                "reference/provinces_34_2025.csv",
                "reference/provinces_63_to_34_2025.csv"));
    TreeMap<LocalDate, List<Line>> byDay = new TreeMap<>();
    for (Line l : lines) {
      byDay.computeIfAbsent(l.day(), d -> new ArrayList<>()).add(l);
    }
    for (var e : byDay.entrySet()) {
      String name = "portal/dossiers-" + e.getKey() + ".jsonl";
      index.add(name);
      List<Line> day = new ArrayList<>(e.getValue());
      // Stable order: by update time, then text; defects keep their injected position (see
      // injectDefects).
      day.sort(Comparator.comparing(Line::updatedAt).thenComparing(Line::json));
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8)) {
        for (Line l : day) {
          w.write(l.json());
          w.write('\n');
        }
      }
    }
    Files.writeString(
        out.resolve("INDEX"), String.join("\n", index) + "\n", StandardCharsets.UTF_8);
  }

  private void writeAgencies(Path file) throws IOException {
    StringBuilder sb =
        new StringBuilder("unit_code,unit_name,unit_level,province_code,valid_from,valid_to\n");
    for (Plan p : PLAN) {
      sb.append(department(p.hcode(), 13))
          .append(",Sở Tư pháp,department,")
          .append(p.provinceCode())
          .append(",2008-08-01,2025-07-01\n");
      sb.append(department(p.hcode(), 21))
          .append(",Sở Tài nguyên và Môi trường,department,")
          .append(p.provinceCode())
          .append(",2008-08-01,2025-07-01\n");
      sb.append(district(p.hcode(), 30))
          .append(',')
          .append(p.district())
          .append(",district,")
          .append(p.provinceCode())
          .append(",2008-08-01,2025-07-01\n");
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  private enum Outcome {
    ON_TIME_FINISHED,
    ON_TIME_OPEN,
    LATE_FINISHED,
    OPEN_OVERDUE
  }

  private void generateMonth(Plan p, YearMonth month, int received, int onTime) {
    int onTimeOpen = Math.min(onTime, Math.round(received * 0.04f));
    int late = received - onTime;
    int openOverdue = late / 3;
    List<Outcome> outcomes = new ArrayList<>();
    add(outcomes, Outcome.ON_TIME_FINISHED, onTime - onTimeOpen);
    add(outcomes, Outcome.ON_TIME_OPEN, onTimeOpen);
    add(outcomes, Outcome.LATE_FINISHED, late - openOverdue);
    add(outcomes, Outcome.OPEN_OVERDUE, openOverdue);
    Collections.shuffle(outcomes, random);
    List<LocalDate> workdays = workdays(month);
    LocalDate monthEnd = month.atEndOfMonth();
    LocalDate evaluation = monthEnd.isBefore(AS_OF) ? monthEnd : AS_OF;
    for (Outcome o : outcomes) {
      LocalDate day = workdays.get(random.nextInt(workdays.size()));
      if ((o == Outcome.OPEN_OVERDUE || o == Outcome.LATE_FINISHED)
          && day.isAfter(monthEnd.minusDays(12))) {
        day = workdays.get(random.nextInt(workdays.size() / 2));
      }
      LocalDateTime receivedAt =
          day.atTime(7 + random.nextInt(9), random.nextInt(60), random.nextInt(60));
      LocalDate due;
      LocalDate finished = null;
      switch (o) {
        case ON_TIME_FINISHED -> {
          due = day.plusDays(3 + random.nextInt(13));
          LocalDate last = due.isBefore(AS_OF) ? due : AS_OF;
          finished = day.plusDays(random.nextInt((int) (last.toEpochDay() - day.toEpochDay()) + 1));
        }
        case ON_TIME_OPEN -> due = evaluation.plusDays(1 + random.nextInt(10));
        case LATE_FINISHED -> {
          due = day.plusDays(2 + random.nextInt(5));
          finished = due.plusDays(1 + random.nextInt(4));
        }
        default -> due = day.plusDays(2 + random.nextInt(5));
      }
      emit(p, receivedAt, due, finished);
    }
    for (int status : NOT_RECEIVED_STATUSES) {
      LocalDate day = workdays.get(random.nextInt(workdays.size()));
      emitNotReceived(
          p, day.atTime(8 + random.nextInt(8), random.nextInt(60), random.nextInt(60)), status);
    }
  }

  private static void add(List<Outcome> list, Outcome o, int n) {
    for (int i = 0; i < n; i++) {
      list.add(o);
    }
  }

  private static List<LocalDate> workdays(YearMonth month) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        days.add(d);
      }
    }
    return days;
  }

  private Dossier newDossier(Plan p, LocalDateTime receivedAt) {
    int unitPick = random.nextInt(10);
    String agency =
        unitPick < 3
            ? department(p.hcode(), 13)
            : unitPick < 5 ? department(p.hcode(), 21) : district(p.hcode(), 30);
    String[] proc = PROCEDURES[random.nextInt(PROCEDURES.length)];
    int level = Integer.parseInt(proc[1]);
    int c = random.nextInt(100);
    int channel = c < 80 ? 2 : c < 98 ? 1 : 3;
    String key = agency + "-" + receivedAt.toLocalDate();
    int seq = sequence.merge(key, 1, Integer::sum);
    String id =
        String.format(
            "%s-%s-%04d",
            agency, receivedAt.toLocalDate().format(DateTimeFormatter.ofPattern("yyMMdd")), seq);
    LocalDateTime submittedAt =
        channel == 2 ? receivedAt.minusMinutes(5 + random.nextInt(600)) : receivedAt;
    return new Dossier(
        id, agency, proc[0], level, channel, submittedAt, receivedAt, null, null, 0, 0, person(p));
  }

  private void emit(Plan p, LocalDateTime receivedAt, LocalDate due, LocalDate finished) {
    Dossier d = newDossier(p, receivedAt);
    LocalDateTime dueAt = due.atTime(17, 0);
    int openStatus = random.nextInt(10) < 8 ? 4 : 5;
    add(
        new Dossier(
            d.id(),
            d.agency(),
            d.procedure(),
            d.level(),
            d.channel(),
            d.submittedAt(),
            receivedAt,
            dueAt,
            null,
            openStatus,
            openStatus,
            d.person()),
        receivedAt);
    if (finished != null) {
      LocalDateTime finishedAt =
          finished.atTime(8 + random.nextInt(9), random.nextInt(60), random.nextInt(60));
      if (!finishedAt.isAfter(receivedAt)) {
        finishedAt = receivedAt.plusMinutes(30);
      }
      int finalStatus = random.nextInt(10) < 8 ? 10 : 9;
      Dossier done =
          new Dossier(
              d.id(),
              d.agency(),
              d.procedure(),
              d.level(),
              d.channel(),
              d.submittedAt(),
              receivedAt,
              dueAt,
              finishedAt,
              openStatus,
              finalStatus,
              d.person());
      add(done, finishedAt);
      if (finished.getMonthValue() == 5
          && p == PLAN.get(0)
          && finishedAt.isAfter(receivedAt.plusHours(2))) {
        finishedInMay.add(done);
      }
    }
  }

  private void emitNotReceived(Plan p, LocalDateTime submittedAt, int status) {
    Dossier d = newDossier(p, submittedAt);
    add(
        new Dossier(
            d.id(),
            d.agency(),
            d.procedure(),
            d.level(),
            2,
            submittedAt,
            null,
            null,
            null,
            status,
            status,
            d.person()),
        submittedAt);
  }

  private void add(Dossier d, LocalDateTime updatedAt) {
    lines.add(new Line(updatedAt.toLocalDate(), updatedAt, json(d, updatedAt, ISO)));
  }

  private String[] person(Plan p) {
    String sur = SURNAMES[random.nextInt(SURNAMES.length)];
    String mid = MIDDLE[random.nextInt(MIDDLE.length)];
    String given = GIVEN[random.nextInt(GIVEN.length)];
    String name = sur + " " + mid + " " + given;
    String id =
        String.format(
            "0%s%d%02d%06d",
            p.provinceCode(),
            random.nextInt(4),
            60 + random.nextInt(45),
            random.nextInt(1_000_000));
    String phone =
        String.format(
            "0%d%08d", new int[] {3, 9, 8, 7}[random.nextInt(4)], random.nextInt(100_000_000));
    String email =
        ascii(given + "." + sur).toLowerCase(Locale.ROOT) + random.nextInt(1000) + "@gmail.com";
    return new String[] {name, id, phone, email};
  }

  private static String ascii(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replace("đ", "d")
        .replace("Đ", "D");
  }

  private static String json(Dossier d, LocalDateTime updatedAt, DateTimeFormatter dates) {
    StringBuilder sb = new StringBuilder("{");
    field(sb, "MaHoSo", d.id());
    field(sb, "MaTTHC", d.procedure());
    field(sb, "DonViXuLy", d.agency());
    number(sb, "KenhThucHien", d.channel());
    number(sb, "MucDo", d.level());
    field(sb, "NgayNopHoSo", d.submittedAt().format(ISO));
    field(sb, "NgayTiepNhan", d.receivedAt() == null ? null : d.receivedAt().format(ISO));
    field(sb, "NgayHenTra", d.dueAt() == null ? null : d.dueAt().format(dates));
    field(sb, "NgayKetThucXuLy", d.finishedAt() == null ? null : d.finishedAt().format(ISO));
    field(
        sb,
        "NgayTra",
        d.finishedAt() == null || d.finalStatus() != 10 ? null : d.finishedAt().format(ISO));
    number(sb, "TrangThaiHoSo", d.finalStatus());
    number(sb, "HoSoCoThanhPhanSoHoa", Math.abs(d.id().hashCode()) % 10 < 7 ? 1 : 0);
    number(sb, "DuocThanhToanTrucTuyen", Math.abs(d.id().hashCode()) % 7 < 3 ? 1 : 0);
    number(
        sb,
        "TaiKhoanDuocXacThucVoiVNeID",
        d.channel() == 2 && Math.abs(d.id().hashCode()) % 5 < 3 ? 1 : 0);
    field(sb, "ChuHoSo", d.person()[0]);
    field(sb, "SoGiayToChuHoSo", d.person()[1]);
    field(sb, "SoDienThoai", d.person()[2]);
    field(sb, "Email", d.person()[3]);
    field(sb, "NgayCapNhat", updatedAt.format(ISO));
    sb.setLength(sb.length() - 1);
    return sb.append('}').toString();
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append('"').append(name).append("\":");
    if (value == null) {
      sb.append("null");
    } else {
      sb.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    sb.append(',');
  }

  private static void number(StringBuilder sb, String name, int value) {
    sb.append('"').append(name).append("\":").append(value).append(',');
  }

  /**
   * The defects of the foundation sample, each in a known file (the sample's README lists them): a
   * line that is not JSON, a record without MaHoSo, an impossible date, an unknown agency, an exact
   * duplicate of a line, a stale version of a dossier arriving after its final state, and a due
   * date in dd/MM/yyyy form.
   */
  private void injectDefects() {
    Plan bp = PLAN.get(0);
    LocalDateTime t1 = LocalDateTime.of(2024, 5, 7, 23, 50, 0);
    lines.add(
        new Line(
            t1.toLocalDate(),
            t1,
            "{\"MaHoSo\":\""
                + department(bp.hcode(), 13)
                + "-240507-9001\",\"MaTTHC\":\"1.001612\",\"DonViXuLy\":"));
    LocalDateTime t2 = LocalDateTime.of(2024, 5, 14, 23, 50, 0);
    Dossier keyless = newDossier(bp, t2.minusHours(10));
    lines.add(
        new Line(
            t2.toLocalDate(),
            t2,
            json(withDue(keyless, t2.toLocalDate().plusDays(5)), t2, ISO)
                .replaceFirst("\"MaHoSo\":\"[^\"]*\",", "")));
    LocalDateTime t3 = LocalDateTime.of(2024, 5, 21, 23, 50, 0);
    Dossier badDate = newDossier(bp, t3.minusHours(10));
    lines.add(
        new Line(
            t3.toLocalDate(),
            t3,
            json(withDue(badDate, t3.toLocalDate().plusDays(5)), t3, ISO)
                .replaceFirst(
                    "\"NgayTiepNhan\":\"[^\"]*\"", "\"NgayTiepNhan\":\"2024-02-30T08:00:00\"")));
    LocalDateTime t4 = LocalDateTime.of(2024, 6, 4, 23, 50, 0);
    Dossier unknown = newDossier(bp, t4.minusHours(10));
    lines.add(
        new Line(
            t4.toLocalDate(),
            t4,
            json(withDue(unknown, t4.toLocalDate().plusDays(5)), t4, ISO)
                .replace(bp.hcode() + "\"", "H99\"")
                .replace(bp.hcode() + "-", "H99-")));
    // An exact duplicate: the last line of 2024-06-11 is delivered twice.
    Line dupOf =
        lines.stream()
            .filter(l -> l.day().equals(LocalDate.of(2024, 6, 11)))
            .max(Comparator.comparing(Line::updatedAt).thenComparing(Line::json))
            .orElseThrow();
    lines.add(new Line(dupOf.day(), dupOf.updatedAt(), dupOf.json()));
    // A stale version: a "supplement requested" state of a dossier finished in May, stamped one
    // hour after its
    // receipt, arrives on 2024-06-18 after the final state; the final state must win.
    Dossier done = finishedInMay.get(0);
    Dossier stale =
        new Dossier(
            done.id(),
            done.agency(),
            done.procedure(),
            done.level(),
            done.channel(),
            done.submittedAt(),
            done.receivedAt(),
            done.dueAt(),
            null,
            5,
            5,
            done.person());
    LocalDateTime t6 = LocalDateTime.of(2024, 6, 18, 6, 0, 0);
    lines.add(new Line(t6.toLocalDate(), t6, json(stale, done.receivedAt().plusHours(1), ISO)));
    // A due date written dd/MM/yyyy HH:mm:ss, as some provincial systems export it: valid, must be
    // understood.
    LocalDateTime t7 = LocalDateTime.of(2024, 6, 25, 9, 15, 0);
    Dossier vnDate = newDossier(PLAN.get(2), t7);
    lines.add(
        new Line(t7.toLocalDate(), t7, json(withDue(vnDate, LocalDate.of(2024, 7, 2)), t7, VN)));
  }

  private static Dossier withDue(Dossier d, LocalDate due) {
    return new Dossier(
        d.id(),
        d.agency(),
        d.procedure(),
        d.level(),
        d.channel(),
        d.submittedAt(),
        d.receivedAt(),
        due.atTime(17, 0),
        null,
        4,
        4,
        d.person());
  }
}
