package vn.dti.scoring.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.dti.scoring.methodology.Methodology;
import vn.dti.scoring.methodology.MinimumVolume;
import vn.dti.scoring.methodology.Target;
import vn.dti.scoring.report.CommitteeReport.Component;
import vn.dti.scoring.report.CommitteeReport.Level;
import vn.dti.scoring.report.CommitteeReport.Profile;
import vn.dti.scoring.report.CommitteeReport.RankingLine;
import vn.dti.scoring.report.CommitteeReport.TargetCell;
import vn.dti.scoring.report.CommitteeReport.TargetLine;
import vn.dti.scoring.report.CommitteeReport.UnitChange;
import vn.dti.warehouse.WarehouseException;

/**
 * Writes a {@link CommitteeReport} as the Steering Committee's workbook, in Vietnamese: a cover,
 * the ranking of each level of units, the targets table (methodologies with targets), the change
 * contributions, the unit profiles, native charts and the data behind them. Every sheet prints on
 * A4 landscape, one page wide, with its header rows repeated and the title and page number in the
 * footer. Text from the data is written as text (a name starting with {@code =} stays a name), in
 * Unicode NFC. The file is written beside its target and renamed, so a half-written workbook never
 * exists; the data sheet is streamed.
 */
public final class CommitteeWorkbook {
  public static final String COVER = "Bìa";
  public static final String RANKING = "Xếp hạng";
  public static final String TARGETS = "Chỉ tiêu";
  public static final String CHANGES = "Thay đổi";
  public static final String PROFILES = "Hồ sơ đơn vị";
  public static final String CHARTS = "Biểu đồ";
  public static final String DATA = "Dữ liệu";

  /** The ranking sheet's header rows (0-based): the group names, then the figure names. */
  public static final int RANKING_HEADER = 3;

  /** The data sheet's columns. */
  public static final List<String> DATA_HEADERS =
      List.of(
          "Kỳ",
          "Cấp đơn vị",
          "Mã đơn vị",
          "Đơn vị",
          "Mã chỉ số",
          "Chỉ số",
          "Tử số",
          "Mẫu số",
          "Giá trị (0-1)",
          "Điểm",
          "Điểm tối đa",
          "Giá trị công bố",
          "Xếp hạng",
          "Nguồn giá trị",
          "Đạt / Không đạt",
          "So với kỳ trước");

  /** Vietnamese, for upper and lower case. */
  private static final java.util.Locale VI = java.util.Locale.forLanguageTag("vi");

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  private final CommitteeReport report;
  private final ReportData data;
  private final String title;
  private WorkbookStyles st;

  private CommitteeWorkbook(CommitteeReport report) {
    this.report = report;
    this.data = report.data();
    this.title =
        "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG " + data.request().period().labelVi().toUpperCase(VI);
  }

  /** The sheet name of a level's ranking: {@code Xếp hạng} alone, or one per level. */
  public static String rankingSheet(Level level, int levels) {
    // No comma in a sheet name: the print titles' reference would not parse back.
    return levels == 1 ? RANKING : RANKING + " cấp " + shortLevel(level.level());
  }

  private static String shortLevel(String level) {
    return switch (level) {
      case "department" -> "sở";
      case "district" -> "huyện";
      case "commune" -> "xã";
      default -> "tỉnh";
    };
  }

  /**
   * Writes the workbook into {@code dir} (created if needed) under the request's file name, and
   * returns its path.
   */
  public static Path write(CommitteeReport report, Path dir) {
    return new CommitteeWorkbook(report).write(dir);
  }

  /**
   * Writes the workbook to a temporary file renamed into place. Merged regions are added unchecked
   * throughout (POI's check compares each new region with all before it, a quadratic cost on a
   * province's profile sheet): this class lays out regions that never overlap.
   */
  private Path write(Path dir) {
    Path target = dir.resolve(data.request().fileName());
    Path tmp = dir.resolve("." + target.getFileName() + ".part");
    try {
      Files.createDirectories(dir);
      XSSFWorkbook xssf = new XSSFWorkbook();
      xssf.getProperties()
          .getCoreProperties()
          .setCreated(Optional.of(Date.from(data.generatedAt().toInstant())));
      xssf.getProperties().getCoreProperties().setTitle(nfc(title));
      xssf.getProperties().getCoreProperties().setCreator(nfc(data.issuer()));
      st = new WorkbookStyles(xssf);
      // The cover and the charts sheet (DrawingML needs the full model) are built in memory; every
      // other sheet is streamed: a province with hundreds of communes makes long tables, and
      // serialising them from the in-memory model cost most of a workbook's time.
      cover(xssf.createSheet(COVER));
      if (!data.isEmpty()) {
        ReportCharts.draw(xssf.createSheet(CHARTS), report, st, this::printSetup);
      }
      SXSSFWorkbook wb = new SXSSFWorkbook(xssf, 1000);
      try {
        if (!data.isEmpty()) {
          for (Level l : report.levels()) {
            ranking(wb.createSheet(rankingSheet(l, report.levels().size())), l);
          }
          if (!data.methodology().targets().isEmpty()) {
            targets(wb.createSheet(TARGETS));
          }
          changes(wb.createSheet(CHANGES));
          profiles(wb.createSheet(PROFILES));
          dataSheet(wb.createSheet(DATA));
          // The charts after the profiles, before the data.
          wb.setSheetOrder(CHARTS, wb.getNumberOfSheets() - 2);
          wb.setActiveSheet(0);
          wb.setSelectedTab(0);
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
          wb.write(out);
        }
      } finally {
        wb.close();
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw new WarehouseException(
          "Cannot write the report "
              + target
              + ": "
              + e.getMessage()
              + "; check that "
              + dir
              + " is writable and the file is not open in Excel",
          e);
    }
  }

  // -------------------------------------------------------------------------------------- cover

  private void cover(Sheet s) {
    ReportRequest r = data.request();
    Methodology m = data.methodology();
    s.setColumnWidth(0, 32 * 256);
    s.setColumnWidth(1, 100 * 256);
    int row = 0;
    text(s, row++, 0, data.issuer().toUpperCase(VI), st.issuer);
    row++;
    Row t = s.createRow(row);
    t.setHeightInPoints(40);
    text(s, row, 0, title, st.title);
    s.addMergedRegionUnsafe(new CellRangeAddress(row, row, 0, 1));
    row++;
    text(s, row, 0, m.nameVi(), st.subtitle);
    s.getRow(row).setHeightInPoints(32);
    s.addMergedRegionUnsafe(new CellRangeAddress(row, row, 0, 1));
    row += 2;
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"Kỳ đánh giá", capitalise(r.period().labelVi())});
    facts.add(new String[] {"Phạm vi", scopeVi()});
    facts.add(
        new String[] {
          "Địa giới",
          r.boundaries().equals(Methodology.RESTATED)
              ? "Quy đổi theo 34 tỉnh, thành phố từ ngày 01/7/2025 (số liệu các kỳ trước được cộng"
                  + " dồn theo tỉnh mới)"
              : "Theo địa giới hành chính của kỳ đánh giá"
        });
    facts.add(new String[] {"Phương pháp", m.nameVi() + " (mã: " + m.id() + ")"});
    facts.add(new String[] {"Mã băm phương pháp (SHA-256)", data.methodologyHash()});
    facts.add(
        new String[] {
          "Phiên bản dữ liệu (Delta)",
          data.versions().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + " v" + e.getValue())
              .collect(Collectors.joining("; "))
        });
    facts.add(
        new String[] {
          "Thời điểm lập",
          WHEN.format(data.generatedAt()) + " (" + data.generatedAt().getZone().getId() + ")"
        });
    if (!data.isEmpty()) {
      long ranked = report.levels().stream().mapToLong(l -> l.ranked().size()).sum();
      long all = report.levels().stream().mapToLong(l -> l.lines().size()).sum();
      facts.add(
          new String[] {
            "Số đơn vị",
            all
                + " đơn vị, trong đó "
                + ranked
                + " được xếp hạng"
                + (all > ranked ? "; " + (all - ranked) + " chưa đủ số liệu để xếp hạng" : "")
          });
    }
    for (String[] f : facts) {
      text(s, row, 0, f[0], st.label);
      text(s, row, 1, f[1], st.wrapped);
      s.getRow(row).setHeightInPoints(lines(f[1], 100) * 15f);
      row++;
    }
    row++;
    if (data.isEmpty()) {
      text(
          s,
          row,
          0,
          "Không có số liệu cho "
              + r.period().labelVi()
              + ", phạm vi "
              + scopeVi().toLowerCase(VI)
              + ": phương pháp này chưa được tính cho kỳ và phạm vi đã chọn (chưa có dữ liệu nguồn,"
              + " hoặc kỳ, cấp đơn vị không thuộc phương pháp). Báo cáo không có bảng xếp hạng.",
          st.note);
      s.addMergedRegionUnsafe(new CellRangeAddress(row, row, 0, 1));
      s.getRow(row).setHeightInPoints(48);
      printSetup(s, Optional.empty());
      return;
    }
    text(s, row++, 0, "Cách đọc báo cáo", st.label);
    // Text in merged cells does not grow its row: each paragraph's row is given its lines.
    for (String p : howToRead()) {
      text(s, row, 0, p, st.wrapped);
      s.addMergedRegionUnsafe(new CellRangeAddress(row, row, 0, 1));
      s.getRow(row).setHeightInPoints(lines(p, 128) * 15f);
      row++;
    }
    row++;
    text(s, row++, 0, "Nội dung", st.label);
    for (String[] c : contents()) {
      text(s, row, 0, c[0], st.plain);
      text(s, row, 1, c[1], st.wrapped);
      row++;
    }
    printSetup(s, Optional.empty());
  }

  private String scopeVi() {
    ReportScope scope = data.request().scope();
    if (scope.isNational()) {
      return "Toàn quốc: các tỉnh, thành phố trực thuộc Trung ương";
    }
    return data.scopeName().orElse("Tỉnh mã " + scope.provinceCode().get())
        + " (mã "
        + scope.provinceCode().get()
        + "): các sở, ban, ngành, huyện và xã";
  }

  private List<String> howToRead() {
    Methodology m = data.methodology();
    ReportPeriod previous = data.request().period().previous();
    List<String> out = new ArrayList<>();
    out.add(
        "• Xếp hạng: thứ tự theo "
            + (report.publishesPoints()
                ? "tổng điểm (tối đa " + plain(m.root().maxPoints()) + " điểm)"
                : "giá trị chỉ số (0 đến 1)")
            + ", làm tròn "
            + m.publication().decimals()
            + " chữ số thập phân; các đơn vị bằng nhau được xếp đồng hạng (1, 2, 2, 4). Mỗi cấp"
            + " đơn vị được xếp hạng riêng.");
    out.add(
        "• So với kỳ trước: thứ hạng kỳ này so với thứ hạng của chính đơn vị đó "
            + previous.labelVi()
            + ". \"Tăng 3 bậc\" là đơn vị đứng cao hơn kỳ trước 3 bậc, \"Giảm 1 bậc\" là thấp hơn 1"
            + " bậc, \"Giữ nguyên\" là không đổi, \"Chưa có kỳ trước\" là kỳ trước đơn vị chưa được"
            + " xếp hạng. Với các tỷ lệ, \"Tăng x%\" / \"Giảm x%\" là chênh lệch tính bằng điểm phần"
            + " trăm so với kỳ trước, \"Bằng\" là không đổi.");
    out.add(
        "• Khoảng thứ hạng (5–95%): thứ hạng mà đơn vị có thể nhận khi trọng số các chỉ số thay"
            + " đổi trong một biên độ nhỏ (mô phỏng nhiều lần): 90% số lần mô phỏng cho thứ hạng nằm"
            + " trong khoảng này. Khoảng hẹp là thứ hạng ổn định; hai đơn vị có khoảng chồng lên nhau"
            + " thì chưa khác biệt rõ rệt.");
    out.add(
        "• Màu của ô tổng điểm: xanh là nhóm dẫn đầu (một phần ba số đơn vị được xếp hạng đứng"
            + " đầu), vàng là nhóm giữa, hồng là nhóm cuối.");
    m.minimumVolume()
        .ifPresent(
            v ->
                out.add(
                    "• "
                        + MinimumVolume.NOT_RANKED_VI
                        + ": đơn vị có dưới "
                        + plain(v.denominator())
                        + " "
                        + v.countedVi()
                        + " trong kỳ vẫn được tính điểm và hiển thị nhưng không xếp hạng, vì số"
                        + " liệu quá ít để so sánh."));
    if (!m.targets().isEmpty()) {
      out.add(
          "• Chỉ tiêu: \"Đạt\" khi tỷ lệ của đơn vị bằng hoặc cao hơn chỉ tiêu; với đơn vị \"Không"
              + " đạt\", cột \"Cần thêm\" là số hồ sơ (hoặc thủ tục) cần thêm để đạt chỉ tiêu. Dòng"
              + " TỔNG tính từ tổng số liệu của các đơn vị, không phải trung bình các tỷ lệ.");
    }
    out.add(
        "• Thay đổi: phần đóng góp của từng chỉ số vào mức tăng, giảm tổng điểm so với kỳ trước;"
            + " các phần đóng góp cộng lại bằng đúng mức thay đổi.");
    return out;
  }

  private List<String[]> contents() {
    List<String[]> out = new ArrayList<>();
    for (Level l : report.levels()) {
      out.add(
          new String[] {
            rankingSheet(l, report.levels().size()), "Bảng xếp hạng " + l.labelVi().toLowerCase(VI)
          });
    }
    if (!data.methodology().targets().isEmpty()) {
      out.add(new String[] {TARGETS, "Kết quả thực hiện so với kỳ trước và so với chỉ tiêu"});
    }
    out.add(new String[] {CHANGES, "Các chỉ số làm thay đổi điểm của từng đơn vị"});
    out.add(new String[] {PROFILES, "Điểm mạnh, điểm yếu và diễn biến 12 kỳ của từng đơn vị"});
    out.add(new String[] {CHARTS, "Biểu đồ tổng điểm, cơ cấu điểm và diễn biến"});
    out.add(new String[] {DATA, "Số liệu chi tiết (có bộ lọc) phục vụ tra cứu"});
    return out;
  }

  // ------------------------------------------------------------------------------------ ranking

  private void ranking(Sheet s, Level level) {
    boolean pts = report.publishesPoints();
    Methodology m = data.methodology();
    List<String> cols = level.columns();
    int perNode = pts ? 3 : 2;
    int totalCols = pts ? 2 : 1;
    int nodeStart = 2 + totalCols;
    int tail = nodeStart + cols.size() * perNode;
    boolean notes = m.minimumVolume().isPresent();
    int lastCol = notes ? tail + 3 : tail + 2;
    Row[] head =
        tableHead(
            s, "BẢNG XẾP HẠNG " + level.labelVi().toUpperCase(VI), lastCol, "Xếp hạng", 58, 30);
    Row groups = head[0];
    Row names = head[1];
    if (pts) {
      groupHeader(
          s, groups, 2, 2, m.root().nameVi() + " (tối đa " + plain(m.root().maxPoints()) + ")");
      header(names, 2, "Điểm");
      header(names, 3, "% tối đa");
    } else {
      header(groups, 2, m.root().nameVi());
      header(names, 2, "Giá trị");
    }
    for (int i = 0; i < cols.size(); i++) {
      String c = cols.get(i);
      int at = nodeStart + i * perNode;
      String max = pts ? " (" + plain(report.maxPoints(c)) + ")" : "";
      groupHeader(s, groups, at, perNode, report.nameVi(c) + max);
      if (pts) {
        header(names, at, "Điểm");
        header(names, at + 1, "%");
        header(names, at + 2, "Hạng");
      } else {
        header(names, at, "Giá trị");
        header(names, at + 1, "Hạng");
      }
    }
    headerPair(s, tail, "Hạng kỳ trước");
    headerPair(s, tail + 1, "So với kỳ trước");
    headerPair(s, tail + 2, "Khoảng thứ hạng (5–95%)");
    if (notes) {
      headerPair(s, tail + 3, "Ghi chú");
    }
    int r = RANKING_HEADER + 2;
    for (RankingLine l : level.lines()) {
      Row row = s.createRow(r++);
      if (l.ranked()) {
        number(row, 0, l.total().rank().get(), st.integer);
      } else {
        text(row, 0, "—", st.centered);
      }
      text(row, 1, l.unitName(), st.text);
      int band = l.band().ordinal();
      if (pts) {
        numberOrBlank(
            row, 2, l.total().published(), l.ranked() ? st.bandPoints[band] : st.pointsBold);
        numberOrBlank(row, 3, l.total().value(), st.percent);
      } else {
        numberOrBlank(row, 2, l.total().published(), l.ranked() ? st.bandValue[band] : st.value);
      }
      for (int i = 0; i < cols.size(); i++) {
        int at = nodeStart + i * perNode;
        Optional<ScoreFact> f = Optional.ofNullable(l.nodes().get(cols.get(i)));
        if (pts) {
          numberOrBlank(row, at, f.flatMap(ScoreFact::points), st.points);
          numberOrBlank(row, at + 1, f.flatMap(ScoreFact::value), st.percent);
          numberOrBlank(row, at + 2, f.flatMap(ScoreFact::rank), st.integer);
        } else {
          numberOrBlank(row, at, f.flatMap(ScoreFact::value), st.value);
          numberOrBlank(row, at + 1, f.flatMap(ScoreFact::rank), st.integer);
        }
      }
      Optional<Integer> prev = l.rank().flatMap(RankFact::previousRank);
      numberOrBlank(row, tail, prev, st.integer);
      text(row, tail + 1, l.rank().map(RankFact::changeVi).orElse(""), st.centered);
      text(row, tail + 2, l.interval().map(IntervalFact::label).orElse(""), st.centered);
      if (notes) {
        text(row, tail + 3, l.ranked() ? "" : notRanked(l), st.centered);
      }
    }
    r++;
    text(s, r, 0, rankingNote(), st.note);
    s.addMergedRegionUnsafe(new CellRangeAddress(r, r, 0, Math.min(lastCol, 12)));
    s.getRow(r).setHeightInPoints(30);
    s.setColumnWidth(0, 8 * 256);
    s.setColumnWidth(1, nameWidth(level.lines().stream().map(RankingLine::unitName).toList()));
    for (int c = 2; c < tail; c++) {
      s.setColumnWidth(c, (pts ? 8 : 9) * 256);
    }
    s.setColumnWidth(tail, 9 * 256);
    s.setColumnWidth(tail + 1, 16 * 256);
    s.setColumnWidth(tail + 2, 11 * 256);
    if (notes) {
      s.setColumnWidth(tail + 3, 52 * 256);
    }
    s.createFreezePane(2, RANKING_HEADER + 2);
    printSetup(s, Optional.of(new CellRangeAddress(RANKING_HEADER, RANKING_HEADER + 1, -1, -1)));
  }

  private String notRanked(RankingLine l) {
    MinimumVolume v = data.methodology().minimumVolume().orElseThrow();
    return MinimumVolume.NOT_RANKED_VI
        + " ("
        + l.volume().map(x -> plain(BigDecimal.valueOf(x))).orElse("0")
        + " "
        + v.countedVi()
        + ", tối thiểu "
        + plain(v.denominator())
        + ")";
  }

  private String rankingNote() {
    Methodology m = data.methodology();
    return "Ghi chú: "
        + (report.publishesPoints()
            ? "Điểm của mỗi nhóm và tỷ lệ so với điểm tối đa của nhóm; \"Hạng\" là thứ hạng trên"
                + " từng nhóm."
            : "Giá trị các chỉ số chính và trụ cột (0 đến 1); \"Hạng\" là thứ hạng trên từng chỉ"
                + " số.")
        + " Hạng kỳ trước: "
        + data.request().period().previous().labelVi()
        + ". Phương pháp: "
        + m.id()
        + ".";
  }

  // ------------------------------------------------------------------------------------ targets

  private void targets(Sheet s) {
    List<Target> targets = data.methodology().targets();
    int perTarget = 4;
    int lastCol = 1 + targets.size() * perTarget;
    Row[] head =
        tableHead(
            s,
            "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU " + data.request().period().labelVi().toUpperCase(VI),
            lastCol,
            "STT",
            44,
            58);
    Row groups = head[0];
    Row names = head[1];
    String previous = data.request().period().previous().labelVi();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      int at = 2 + i * perTarget;
      groupHeader(
          s,
          groups,
          at,
          perTarget,
          report.nameVi(t.node()) + " (" + data.request().period().labelVi() + ")");
      header(names, at, "Kết quả thực hiện của đơn vị");
      header(names, at + 1, "So với " + previous);
      header(names, at + 2, "So với chỉ tiêu (" + percentText(t.threshold()) + ")");
      header(names, at + 3, "Cần thêm để đạt (" + t.countedVi() + ")");
    }
    int r = RANKING_HEADER + 2;
    List<String> roman = List.of("I", "II", "III", "IV");
    int li = 0;
    List<String> allNames = new ArrayList<>();
    for (Level l : report.levels()) {
      Row section = s.createRow(r++);
      text(section, 0, roman.get(li++), st.section);
      text(section, 1, l.labelVi(), st.section);
      for (int c = 2; c <= lastCol; c++) {
        text(section, c, "", st.section);
      }
      int n = 1;
      for (TargetLine line : l.targets()) {
        Row row = s.createRow(r++);
        allNames.add(line.label());
        if (line.total()) {
          text(row, 0, "", st.textBold);
          text(row, 1, line.label(), st.textBold);
        } else {
          number(row, 0, n++, st.integer);
          text(row, 1, line.label(), st.text);
        }
        for (int i = 0; i < line.cells().size(); i++) {
          TargetCell c = line.cells().get(i);
          int at = 2 + i * perTarget;
          numberOrBlank(row, at, c.value(), line.total() ? st.percentBold : st.percent);
          text(
              row,
              at + 1,
              c.trend().orElse(c.value().isPresent() ? "Chưa có kỳ trước" : ""),
              st.centered);
          String status = c.status().orElse(c.value().isPresent() ? "" : "Không phát sinh");
          text(row, at + 2, status, status.equals(Target.MISSED_VI) ? st.missed : st.centered);
          if (status.equals(Target.MISSED_VI)) {
            number(row, at + 3, c.shortfall(), st.count);
          } else {
            text(row, at + 3, "", st.centered);
          }
        }
      }
    }
    r++;
    text(
        s,
        r,
        0,
        "Ghi chú: dòng TỔNG của mỗi cấp tính từ tổng tử số và tổng mẫu số của các đơn vị trong cấp"
            + " (không lấy trung bình các tỷ lệ). \"Cần thêm để đạt\": số hồ sơ (thủ tục) cần xử lý"
            + " trực tuyến thêm, trên cùng số đã tiếp nhận, để đạt chỉ tiêu. \"Không phát sinh\":"
            + " đơn vị không có số liệu của chỉ tiêu trong kỳ.",
        st.note);
    s.addMergedRegionUnsafe(new CellRangeAddress(r, r, 0, lastCol));
    s.getRow(r).setHeightInPoints(44);
    s.setColumnWidth(0, 6 * 256);
    s.setColumnWidth(1, nameWidth(allNames));
    for (int c = 2; c <= lastCol; c++) {
      s.setColumnWidth(c, 15 * 256);
    }
    s.createFreezePane(2, RANKING_HEADER + 2);
    printSetup(s, Optional.of(new CellRangeAddress(RANKING_HEADER, RANKING_HEADER + 1, -1, -1)));
  }

  // ------------------------------------------------------------------------------------ changes

  private void changes(Sheet s) {
    boolean value = !report.publishesPoints();
    heading(s, "CÁC CHỈ SỐ LÀM THAY ĐỔI ĐIỂM SO VỚI KỲ TRƯỚC", 7);
    Row h = s.createRow(RANKING_HEADER);
    h.setHeightInPoints(44);
    String[] headers = {
      "Xếp hạng",
      "Đơn vị",
      "Tổng điểm kỳ trước",
      "Tổng điểm kỳ này",
      "Thay đổi",
      "Mã chỉ số",
      "Chỉ số",
      "Đóng góp vào thay đổi (điểm)"
    };
    for (int i = 0; i < headers.length; i++) {
      header(h, i, headers[i]);
    }
    int r = RANKING_HEADER + 1;
    List<String> unitNames = new ArrayList<>();
    for (Level l : report.levels()) {
      if (report.levels().size() > 1) {
        Row head = s.createRow(r++);
        text(head, 0, "", st.section);
        text(head, 1, l.labelVi(), st.section);
        for (int c = 2; c < headers.length; c++) {
          text(head, c, "", st.section);
        }
      }
      Map<String, RankingLine> lines =
          l.lines().stream().collect(Collectors.toMap(RankingLine::unitCode, x -> x));
      for (UnitChange c : l.changes()) {
        unitNames.add(c.unitName());
        RankingLine line = lines.get(c.unitCode());
        int rows = Math.max(1, c.contributions().size());
        int start = r;
        for (int i = 0; i < rows; i++) {
          Row row = s.createRow(r++);
          if (i == 0) {
            numberOrBlank(row, 0, line.total().rank(), st.integer);
            text(row, 1, c.unitName(), st.text);
            number(row, 2, c.previousTotal().doubleValue(), st.points);
            number(row, 3, c.currentTotal().doubleValue(), st.points);
            number(row, 4, c.totalChange().doubleValue(), st.pointsBold);
          } else {
            for (int k = 0; k < 5; k++) {
              text(row, k, "", st.text);
            }
          }
          if (c.contributions().isEmpty()) {
            text(row, 5, "", st.text);
            text(row, 6, "Không thay đổi", st.text);
            text(row, 7, "", st.text);
          } else {
            ChangeFact f = c.contributions().get(i);
            text(row, 5, f.nodeCode(), st.centered);
            text(row, 6, report.nameVi(f.nodeCode()), st.text);
            number(row, 7, f.contribution().doubleValue(), st.points);
          }
        }
        if (rows > 1) {
          for (int k = 0; k < 5; k++) {
            s.addMergedRegionUnsafe(new CellRangeAddress(start, r - 1, k, k));
          }
        }
      }
    }
    r++;
    text(
        s,
        r,
        0,
        "Ghi chú: đóng góp là phần thay đổi tổng điểm do từng chỉ số (kể cả phần điều chỉnh khi một"
            + " chỉ số không áp dụng); các đóng góp của một đơn vị cộng lại bằng đúng cột \"Thay"
            + " đổi\". Chỉ liệt kê các chỉ số có đóng góp khác 0, lớn nhất trước."
            + (value
                ? " Điểm tính trên thang " + plain(data.methodology().root().maxPoints()) + "."
                : ""),
        st.note);
    s.addMergedRegionUnsafe(new CellRangeAddress(r, r, 0, 7));
    s.getRow(r).setHeightInPoints(44);
    int[] widths = {8, 0, 11, 11, 10, 10, 50, 14};
    for (int i = 0; i < widths.length; i++) {
      s.setColumnWidth(i, widths[i] * 256);
    }
    s.setColumnWidth(1, nameWidth(unitNames));
    s.createFreezePane(2, RANKING_HEADER + 1);
    printSetup(s, Optional.of(new CellRangeAddress(RANKING_HEADER, RANKING_HEADER, -1, -1)));
  }

  // ----------------------------------------------------------------------------------- profiles

  private void profiles(Sheet s) {
    List<ReportPeriod> periods = report.trendPeriods();
    int lastCol = 1 + periods.size();
    heading(s, "HỒ SƠ TỪNG ĐƠN VỊ: ĐIỂM MẠNH, ĐIỂM YẾU VÀ DIỄN BIẾN", lastCol);
    int r = RANKING_HEADER;
    for (Level l : report.levels()) {
      for (Profile p : l.profiles()) {
        RankingLine line = p.line();
        Row head = s.createRow(r++);
        text(
            head,
            0,
            line.unitName()
                + " ("
                + l.labelVi().toLowerCase(VI)
                + "): "
                + (line.ranked()
                    ? "xếp hạng " + line.total().rank().get() + "/" + l.ranked().size()
                    : MinimumVolume.NOT_RANKED_VI.toLowerCase(VI))
                + ", "
                + (report.publishesPoints() ? "tổng điểm " : "giá trị ")
                + line.total().published().map(CommitteeWorkbook::plain).orElse("—"),
            st.section);
        for (int c = 1; c <= lastCol; c++) {
          text(head, c, "", st.section);
        }
        s.addMergedRegionUnsafe(new CellRangeAddress(r - 1, r - 1, 0, lastCol));
        r = components(s, r, "Điểm mạnh", p.strengths(), lastCol);
        r = components(s, r, "Điểm yếu", p.weaknesses(), lastCol);
        Row labels = s.createRow(r++);
        text(labels, 0, "Diễn biến " + periods.size() + " kỳ", st.label);
        Row values = s.createRow(r++);
        text(values, 0, report.publishesPoints() ? "Tổng điểm" : "Giá trị", st.plain);
        for (int i = 0; i < periods.size(); i++) {
          header(labels, 1 + i, periods.get(i).shortLabel());
          numberOrBlank(
              values, 1 + i, p.trend().get(i), report.publishesPoints() ? st.points : st.value);
        }
        r++;
      }
    }
    s.setColumnWidth(0, 48 * 256);
    for (int c = 1; c <= lastCol; c++) {
      s.setColumnWidth(c, 10 * 256);
    }
    printSetup(s, Optional.empty());
  }

  private int components(Sheet s, int r, String label, List<Component> list, int lastCol) {
    if (list.isEmpty()) {
      return r;
    }
    Row row = s.createRow(r);
    text(row, 0, label, st.label);
    int at = 1;
    for (Component c : list) {
      String t =
          c.nameVi()
              + ": hạng "
              + c.rank()
              + "/"
              + c.of()
              + c.value().map(v -> " (" + percentText(BigDecimal.valueOf(v)) + ")").orElse("");
      text(row, at, t, st.wrapped);
      int end = Math.min(lastCol, at + 3);
      s.addMergedRegionUnsafe(new CellRangeAddress(r, r, at, end));
      at = end + 1;
    }
    row.setHeightInPoints(44);
    return r + 1;
  }

  // --------------------------------------------------------------------------------------- data

  private void dataSheet(Sheet s) {
    Row h = s.createRow(0);
    h.setHeightInPoints(30);
    for (int i = 0; i < DATA_HEADERS.size(); i++) {
      header(h, i, DATA_HEADERS.get(i));
    }
    int r = 1;
    for (ScoreFact f : report.dataRows()) {
      Row row = s.createRow(r++);
      text(row, 0, f.period(), st.text);
      text(row, 1, f.level(), st.text);
      text(row, 2, f.unitCode(), st.text);
      text(row, 3, f.unitName(), st.text);
      text(row, 4, f.nodeCode(), st.text);
      text(row, 5, f.nodeNameVi(), st.text);
      numberOrBlank(row, 6, f.numerator(), st.count);
      numberOrBlank(row, 7, f.denominator(), st.count);
      numberOrBlank(row, 8, f.value(), st.value);
      numberOrBlank(row, 9, f.points(), st.points);
      number(row, 10, f.maxPoints().doubleValue(), st.points);
      numberOrBlank(row, 11, f.published(), report.publishesPoints() ? st.points : st.value);
      numberOrBlank(row, 12, f.rank(), st.integer);
      text(row, 13, f.basis(), st.text);
      text(row, 14, f.targetStatus().orElse(""), st.text);
      text(row, 15, f.trend().orElse(""), st.text);
    }
    int[] widths = {9, 11, 11, 34, 10, 44, 9, 9, 10, 9, 9, 10, 9, 14, 12, 14};
    for (int i = 0; i < widths.length; i++) {
      s.setColumnWidth(i, widths[i] * 256);
    }
    s.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, DATA_HEADERS.size() - 1));
    s.createFreezePane(0, 1);
    printSetup(s, Optional.of(new CellRangeAddress(0, 0, -1, -1)));
  }

  // ------------------------------------------------------------------------------------ helpers

  /**
   * A4 landscape, one page wide, repeated header rows, the title and page numbers in the footer.
   */
  void printSetup(Sheet s, Optional<CellRangeAddress> repeated) {
    PrintSetup ps = s.getPrintSetup();
    ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
    ps.setLandscape(true);
    s.setFitToPage(true);
    ps.setFitWidth((short) 1);
    ps.setFitHeight((short) 0);
    s.setHorizontallyCenter(true);
    s.setMargin(Sheet.LeftMargin, 0.4);
    s.setMargin(Sheet.RightMargin, 0.4);
    s.setMargin(Sheet.TopMargin, 0.5);
    s.setMargin(Sheet.BottomMargin, 0.6);
    repeated.ifPresent(s::setRepeatingRows);
    s.getFooter().setLeft(nfc(footerPrefix(data) + s.getSheetName()));
    s.getFooter().setCenter(nfc(title));
    s.getFooter().setRight("Trang &P/&N");
  }

  /** What the left of every page's footer starts with, before the sheet's name. */
  public static String footerPrefix(ReportData data) {
    return data.methodology().id() + " · " + data.request().period().labelVi() + " · ";
  }

  private void heading(Sheet s, String text, int lastCol) {
    Row t = s.createRow(0);
    t.setHeightInPoints(22);
    text(t, 0, text, st.title);
    s.addMergedRegionUnsafe(new CellRangeAddress(0, 0, 0, lastCol));
    Row sub = s.createRow(1);
    text(
        sub,
        0,
        data.methodology().nameVi()
            + " · "
            + capitalise(data.request().period().labelVi())
            + " · "
            + scopeVi(),
        st.subtitle);
    s.addMergedRegionUnsafe(new CellRangeAddress(1, 1, 0, lastCol));
  }

  private void header(Row row, int col, String value) {
    text(row, col, value, st.header);
  }

  /**
   * A table's title and its two header rows, the first two columns ({@code first}, then the unit)
   * spanning both; returns the two rows.
   */
  private Row[] tableHead(
      Sheet s, String title, int lastCol, String first, float groupHeight, float nameHeight) {
    heading(s, title, lastCol);
    Row groups = s.createRow(RANKING_HEADER);
    Row names = s.createRow(RANKING_HEADER + 1);
    groups.setHeightInPoints(groupHeight);
    names.setHeightInPoints(nameHeight);
    headerPair(s, 0, first);
    headerPair(s, 1, "Đơn vị");
    return new Row[] {groups, names};
  }

  /** A header over {@code width} columns from {@code at}, in the first header row. */
  private void groupHeader(Sheet s, Row groups, int at, int width, String text) {
    header(groups, at, text);
    for (int k = 1; k < width; k++) {
      header(groups, at + k, "");
    }
    s.addMergedRegionUnsafe(
        new CellRangeAddress(RANKING_HEADER, RANKING_HEADER, at, at + width - 1));
  }

  /** A header cell spanning both header rows. */
  private void headerPair(Sheet s, int col, String value) {
    header(s.getRow(RANKING_HEADER), col, value);
    header(s.getRow(RANKING_HEADER + 1), col, "");
    s.addMergedRegionUnsafe(new CellRangeAddress(RANKING_HEADER, RANKING_HEADER + 1, col, col));
  }

  private static void text(Sheet s, int row, int col, String value, CellStyle style) {
    Row r = s.getRow(row) != null ? s.getRow(row) : s.createRow(row);
    text(r, col, value, style);
  }

  /** Text, always as a string cell (never a formula), in NFC. */
  static void text(Row row, int col, String value, CellStyle style) {
    Cell c = row.createCell(col);
    c.setCellValue(nfc(value));
    c.setCellStyle(style);
  }

  static void number(Row row, int col, double value, CellStyle style) {
    Cell c = row.createCell(col);
    c.setCellValue(value);
    c.setCellStyle(style);
  }

  static void numberOrBlank(Row row, int col, Optional<? extends Number> value, CellStyle style) {
    Cell c = row.createCell(col);
    value.ifPresent(v -> c.setCellValue(v.doubleValue()));
    c.setCellStyle(style);
  }

  static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /** The lines a text wraps to in a cell {@code width} characters wide. */
  private static int lines(String text, int width) {
    return Math.max(1, (text.length() + width - 1) / width);
  }

  private static int nameWidth(List<String> names) {
    int longest = names.stream().mapToInt(String::length).max().orElse(10);
    return Math.min(48, Math.max(16, longest + 2)) * 256;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A number as the committee writes it: 1.000 separators aside, a comma for decimals. */
  static String plain(BigDecimal x) {
    return x.stripTrailingZeros().toPlainString().replace('.', ',');
  }

  private static String percentText(BigDecimal share) {
    return plain(share.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP)) + "%";
  }
}
