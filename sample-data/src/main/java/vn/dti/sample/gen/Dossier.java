package vn.dti.sample.gen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One dossier's whole life, decided when it is submitted: its status events, supplement requests,
 * fee lines, attachments and results. {@link #snapshot} renders its state at any moment as the
 * portal's sync record.
 */
final class Dossier {
  static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  record Event(LocalDateTime at, int status) {}

  record Supplement(LocalDateTime requestedAt, LocalDateTime providedAt) {}

  /** kind: 1 phí, 2 lệ phí, 3 nghĩa vụ tài chính. */
  record Fee(String code, String name, int kind, long amountVnd, LocalDateTime payableAt) {}

  record Attachment(String name, boolean digitised, boolean reused, boolean fromDataStore) {}

  final String id;
  final Procedure procedure;
  final Unit unit;
  final int channel;
  final LocalDateTime submittedAt;
  final LocalDateTime receivedAt;
  final LocalDateTime dueAt;
  final String[] person;
  final boolean vneid;

  /** 0 not paid online, 1 on the national payment platform, 2 on the province's gateway. */
  final int paidOnline;

  final List<Event> events = new ArrayList<>();
  final List<Supplement> supplements = new ArrayList<>();
  final List<Fee> fees = new ArrayList<>();
  final List<Attachment> attachments = new ArrayList<>();
  LocalDateTime finishedAt;
  LocalDateTime returnedAt;
  boolean electronicResult;

  private Dossier(
      String id,
      Procedure procedure,
      Unit unit,
      int channel,
      LocalDateTime submittedAt,
      LocalDateTime receivedAt,
      LocalDateTime dueAt,
      String[] person,
      boolean vneid,
      int paidOnline) {
    this.id = id;
    this.procedure = procedure;
    this.unit = unit;
    this.channel = channel;
    this.submittedAt = submittedAt;
    this.receivedAt = receivedAt;
    this.dueAt = dueAt;
    this.person = person;
    this.vneid = vneid;
    this.paidOnline = paidOnline;
  }

  /**
   * Draws a dossier submitted to {@code unit} on {@code day}, the {@code seq}-th of the unit that
   * day.
   */
  static Dossier draw(
      Rng r,
      Unit unit,
      Procedure p,
      UnitProfile profile,
      LocalDate day,
      int seq,
      String provinceCode) {
    boolean online = r.chance(profile.online(day));
    int channel = online ? 2 : r.chance(0.03) ? 3 : 1;
    LocalDateTime received = day.atTime(7 + r.nextInt(9), r.nextInt(60), r.nextInt(60));
    LocalDateTime submitted = online ? received.minusMinutes(r.between(3, 360)) : received;
    String id =
        String.format(
            Locale.ROOT,
            "%s-%s-%04d",
            unit.code(),
            day.format(DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT)),
            seq);
    LocalDate dueDay = Calendar.nextWorkday(day.plusDays(Math.max(1, p.processingDays())));
    boolean vneid = online && r.chance(profile.vneid(day));
    int paid = 0;
    // Land and other financial obligations are where online payment took hold (80–90 % in the
    // leading provinces); charges of a few tens of thousands of dong are still mostly paid at the
    // counter or on collection of the result.
    double propensity =
        p.financialObligation()
            ? 1.0
            : p.feeVnd() >= 100_000 ? 0.5 : p.feeVnd() >= 20_000 ? 0.15 : 0.05;
    if (p.feeBearing() && online && r.chance(profile.payOnline(day) * propensity)) {
      paid = r.chance(0.6) ? 1 : 2;
    }
    Dossier d =
        new Dossier(
            id,
            p,
            unit,
            channel,
            submitted,
            received,
            dueDay.atTime(17, 0),
            People.person(r, provinceCode),
            vneid,
            paid);
    int components = r.between(1, 4);
    for (int i = 0; i < components; i++) {
      boolean digitised = r.chance(profile.digitised(day));
      d.attachments.add(
          new Attachment(
              "Thành phần hồ sơ " + (i + 1),
              digitised,
              digitised && r.chance(0.35),
              vneid && r.chance(0.3)));
    }
    d.live(r, profile, day);
    return d;
  }

  private void live(Rng r, UnitProfile profile, LocalDate day) {
    if (channel == 2) {
      events.add(new Event(submittedAt, 1));
      double x = r.uniform();
      if (x < 0.012) {
        return; // submitted online, never received
      }
      if (x < 0.027) {
        events.add(new Event(receivedAt, 3)); // refused
        return;
      }
    }
    events.add(new Event(receivedAt, 2));
    LocalDateTime t = receivedAt.plusMinutes(r.between(5, 240));
    events.add(new Event(t, 4));
    if (procedure.feeVnd() > 0) {
      fees.add(
          new Fee(
              "LP" + procedure.code().replace(".", ""),
              procedure.feeVnd() >= 500_000 ? "Phí thẩm định" : "Lệ phí",
              procedure.feeVnd() >= 500_000 ? 1 : 2,
              procedure.feeVnd(),
              receivedAt));
    }
    if (r.chance(0.004)) {
      events.add(
          new Event(t.plusDays(r.between(1, 5)), r.chance(0.6) ? 7 : 8)); // withdrawn or stopped
      finishedAt = events.get(events.size() - 1).at();
      return;
    }
    long waitDays = 0;
    int requests = r.chance(0.07) ? (r.chance(0.12) ? 2 : 1) : 0;
    LocalDateTime cursor = t;
    for (int i = 0; i < requests; i++) {
      LocalDateTime asked =
          cursor
              .plusDays(r.between(1, Math.max(1, procedure.processingDays() / 2)))
              .withHour(9 + r.nextInt(7));
      LocalDateTime given = asked.plusDays(r.between(1, 6)).withHour(8 + r.nextInt(8));
      supplements.add(new Supplement(asked, given));
      events.add(new Event(asked, 5));
      events.add(new Event(given, 4));
      waitDays += given.toLocalDate().toEpochDay() - asked.toLocalDate().toEpochDay();
      cursor = given;
    }
    if (procedure.financialObligation()) {
      LocalDateTime notice =
          cursor.plusDays(r.between(1, Math.max(2, procedure.processingDays() / 3))).withHour(10);
      long amount = 1_000_000L * r.between(2, 400);
      fees.add(
          new Fee(
              "NVTC" + procedure.code().replace(".", ""), "Tiền sử dụng đất", 3, amount, notice));
      events.add(new Event(notice, 6));
      LocalDateTime paidAt = notice.plusDays(r.between(1, 7)).withHour(9 + r.nextInt(7));
      events.add(new Event(paidAt, 4));
      waitDays += paidAt.toLocalDate().toEpochDay() - notice.toLocalDate().toEpochDay();
      cursor = paidAt;
    }
    LocalDate effectiveDue = dueAt.toLocalDate().plusDays(waitDays);
    boolean onTime = requests < 2 && r.chance(profile.onTime(day));
    LocalDate finishDay;
    if (onTime) {
      long span = Math.max(0, effectiveDue.toEpochDay() - cursor.toLocalDate().toEpochDay());
      finishDay =
          cursor.toLocalDate().plusDays((long) Math.floor(span * Math.pow(r.uniform(), 0.7)));
    } else {
      finishDay = effectiveDue.plusDays(r.between(1, 12));
    }
    finishedAt = finishDay.atTime(8 + r.nextInt(9), r.nextInt(60), r.nextInt(60));
    if (!finishedAt.isAfter(cursor)) {
      finishedAt = cursor.plusMinutes(r.between(10, 120));
    }
    events.add(new Event(finishedAt, 9));
    electronicResult = procedure.paperResult() && r.chance(profile.eResult(day));
    if (r.chance(0.9)) {
      LocalDate back = Calendar.nextWorkday(finishedAt.toLocalDate().plusDays(r.between(0, 2)));
      returnedAt =
          back.equals(finishedAt.toLocalDate())
              ? finishedAt.plusMinutes(r.between(5, 90))
              : back.atTime(8 + r.nextInt(8), r.nextInt(60));
      events.add(new Event(returnedAt, 10));
    }
  }

  /** The days on which the dossier changed, each with the time of its last change that day. */
  List<LocalDateTime> changeTimes() {
    List<LocalDateTime> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      LocalDateTime at = events.get(i).at();
      if (i + 1 == events.size()
          || !events.get(i + 1).at().toLocalDate().equals(at.toLocalDate())) {
        out.add(at);
      }
    }
    return out;
  }

  /** The sync record as of {@code asOf} (inclusive), dates written with {@code dates}. */
  String snapshot(LocalDateTime asOf, DateTimeFormatter dates) {
    int status = 0;
    List<Event> seen = new ArrayList<>();
    for (Event e : events) {
      if (!e.at().isAfter(asOf)) {
        seen.add(e);
        status = e.status();
      }
    }
    boolean received = seen.stream().anyMatch(e -> e.status() == 2);
    boolean finished = finishedAt != null && !finishedAt.isAfter(asOf);
    boolean returned = returnedAt != null && !returnedAt.isAfter(asOf);
    StringBuilder sb = new StringBuilder(1024);
    Json j =
        new Json(sb)
            .str("MaHoSo", id)
            .str("MaTTHC", procedure.code())
            .str("DonViXuLy", unit.code())
            .num("KenhThucHien", channel)
            .num("MucDo", procedure.onlineLevel())
            .str("NgayNopHoSo", submittedAt.format(dates))
            .str("NgayTiepNhan", received ? receivedAt.format(dates) : null)
            .str("NgayHenTra", received ? dueAt.format(dates) : null)
            .str("NgayKetThucXuLy", finished ? finishedAt.format(dates) : null)
            .str("NgayTra", returned ? returnedAt.format(dates) : null)
            .num("TrangThaiHoSo", status)
            .num(
                "HoSoCoThanhPhanSoHoa",
                attachments.stream().anyMatch(Attachment::digitised) ? 1 : 0)
            .num("DuocThanhToanTrucTuyen", paidOnline > 0 ? 1 : 0)
            .num("TaiKhoanDuocXacThucVoiVNeID", vneid ? 1 : 0)
            .str("ChuHoSo", person[0])
            .str("SoGiayToChuHoSo", person[1])
            .str("SoDienThoai", person[2])
            .str("Email", person[3])
            .str("NgayCapNhat", seen.get(seen.size() - 1).at().format(TS));
    j.array("QuaTrinhXuLy");
    for (int i = 0; i < seen.size(); i++) {
      Json e = j.element(i == 0);
      e.num("TrangThai", seen.get(i).status()).str("ThoiDiem", seen.get(i).at().format(TS)).end();
    }
    j.endArray();
    j.array("DanhSachHoSoBoSung");
    boolean firstSup = true;
    for (Supplement s : supplements) {
      if (!s.requestedAt().isAfter(asOf)) {
        j.element(firstSup)
            .str("NgayYeuCau", s.requestedAt().format(TS))
            .str("NgayBoSung", s.providedAt().isAfter(asOf) ? null : s.providedAt().format(TS))
            .end();
        firstSup = false;
      }
    }
    j.endArray();
    j.array("DanhSachLePhi");
    boolean firstFee = true;
    for (Fee f : fees) {
      if (!f.payableAt().isAfter(asOf)) {
        j.element(firstFee)
            .str("MaPhiLePhi", f.code())
            .str("TenPhiLePhi", f.name())
            .num("LoaiPhiLePhi", f.kind())
            .num("SoTien", f.amountVnd())
            .end();
        firstFee = false;
      }
    }
    j.endArray();
    j.array("DanhSachTepDinhKem");
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      j.element(i == 0)
          .str("TenTepDinhKem", a.name())
          .num("DuocSoHoa", a.digitised() ? 1 : 0)
          .num("DuocTaiSuDung", a.reused() ? 1 : 0)
          .num("DuocLayTuKhoDMQG", a.fromDataStore() ? 1 : 0)
          .end();
    }
    j.endArray();
    j.array("DanhSachGiayToKetQua");
    if (finished && procedure.paperResult() && status != 7 && status != 8) {
      j.element(true)
          .str("MaGiayToKetQua", "KQ-" + id)
          .str("TenGiayTo", "Kết quả " + procedure.name())
          .str(
              "DuongDanTepTinKetQua",
              electronicResult ? "https://dichvucong.gov.vn/kq/" + id + ".pdf" : null)
          .end();
    }
    j.endArray();
    j.end();
    return sb.toString();
  }
}
