package vn.dti.etl.payment;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.dti.etl.privacy.PseudonymKey;
import vn.dti.etl.reference.UnitReferenceJob;
import vn.dti.etl.source.SourceFolder;
import vn.dti.sample.gen.SourceGenerator;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

/**
 * The payment reconciliation files of a generated source folder (CSV and XLSX, 5 % dirty) through
 * bronze and silver, checked against the files read here with other parsers and the manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentJobsTest {
  private static final PseudonymKey KEY = PseudonymKey.of("payment-test-key-0123456789abcdefghij");

  private DeltaTableStore store;
  private Path source;
  private StepResult bronze;
  private StepResult silver;
  private StepResult again;

  /** Every data row of every payment file: file name, row number (1-based), cells. */
  private final List<Object[]> rows = new ArrayList<>();

  private final List<String[]> manifest = new ArrayList<>();

  @BeforeAll
  void loadPayments() throws Exception {
    Path work = SharedSpark.newFolder("payments-");
    source = work.resolve("source");
    SourceGenerator.generate(
        new SourceGenerator.Spec(0.004, 2024, 2024, 9, 0.05, List.of("70"), 0.6, 4, false),
        source,
        s -> {});
    store = new DeltaTableStore(SharedSpark.spark(), work.resolve("warehouse").toString());
    UnitReferenceJob.run(ctx("ref"), new SourceFolder(source), Optional.empty());
    List<vn.dti.etl.source.SourceFile> files = new SourceFolder(source).paymentFiles();
    bronze = BronzePaymentJob.run(ctx("run-1"), files);
    silver = SilverPaymentJob.run(ctx("run-1"), KEY);
    again = BronzePaymentJob.run(ctx("run-2"), files);
    DataFormatter fmt = new DataFormatter();
    for (vn.dti.etl.source.SourceFile f : files) {
      if (f.name().endsWith(".csv")) {
        List<String> lines = Files.readAllLines(f.path());
        for (int i = 1; i < lines.size(); i++) {
          rows.add(new Object[] {f.name(), i, lines.get(i).split(",", -1)});
        }
      } else {
        try (XSSFWorkbook wb = new XSSFWorkbook(f.path().toFile())) {
          int i = 0;
          for (Row r : wb.getSheetAt(0)) {
            if (i++ == 0) {
              continue;
            }
            String[] cells = new String[13];
            for (int c = 0; c < 13; c++) {
              cells[c] = r.getCell(c) == null ? "" : fmt.formatCellValue(r.getCell(c));
            }
            rows.add(new Object[] {f.name(), i - 1, cells});
          }
        }
      }
    }
    for (String l : Files.readAllLines(source.resolve("manifest.csv"))) {
      String[] m = l.split(",", -1);
      if (m[1].equals("payments")) {
        manifest.add(m);
      }
    }
  }

  private JobContext ctx(String run) {
    return new JobContext(
        store, Clock.fixed(Instant.parse("2025-01-02T19:00:00Z"), ZoneOffset.UTC), run);
  }

  @Test
  void everyRowOfBothFormatsIsInBronzeAndAccountedForInSilver() {
    assertThat(rows).hasSizeGreaterThan(300);
    assertThat(bronze.counts().read()).isEqualTo(rows.size());
    assertThat(store.read(Tables.BRONZE_PAYMENT).count()).isEqualTo(rows.size());
    assertThat(silver.counts().read()).isEqualTo(rows.size());
    assertThat(
            silver.counts().accepted()
                + silver.counts().quarantined()
                + silver.counts().duplicate())
        .isEqualTo(rows.size());
    assertThat(again.counts().message()).startsWith("no new files;");
    // One row per transaction: a pending report and its settlement collapse into one.
    Set<String> transactions = new HashSet<>();
    for (Object[] r : rows) {
      transactions.add(((String[]) r[2])[7]);
    }
    assertThat(store.read(Tables.SILVER_PAYMENT).count())
        .isEqualTo(store.read(Tables.SILVER_PAYMENT).select("transaction_id").distinct().count())
        .isLessThanOrEqualTo(transactions.size());
  }

  @Test
  void everyInjectedPaymentDefectHasItsExpectedOutcome() {
    Map<String, String> quarantined = new HashMap<>(); // MaGiaoDich -> reason
    for (var r : store.read(Tables.QUARANTINE_PAYMENT).collectAsList()) {
      String raw = r.getAs("raw_record");
      String id = raw.replaceAll(".*\"MaGiaoDich\":\"([^\"]+)\".*", "$1");
      quarantined.merge(id, r.getAs("reason_code"), (a, b) -> a + "+" + b);
    }
    long duplicates = 0;
    Set<String> kinds = new HashSet<>();
    for (String[] m : manifest) {
      String id = m[4].substring(m[4].indexOf('/') + 1);
      String outcome = m[7];
      kinds.add(m[5]);
      if (outcome.startsWith("quarantine:")) {
        assertThat(quarantined.get(id)).as(String.join(",", m)).isEqualTo(outcome.substring(11));
      } else if (outcome.startsWith("duplicate:")) {
        duplicates++;
      } else if (outcome.startsWith("repair:")) {
        var s =
            store
                .read(Tables.SILVER_PAYMENT)
                .where(col("transaction_id").equalTo(id))
                .collectAsList();
        assertThat(s).as(String.join(",", m)).hasSize(1);
        assertThat(s.get(0).<Long>getAs("amount_vnd")).isPositive();
      }
    }
    assertThat(kinds).contains("DOTTED_AMOUNT", "NON_POSITIVE_AMOUNT", "EXACT_DUPLICATE");
    assertThat(silver.counts().duplicate()).isEqualTo(duplicates);
    assertThat(store.read(Tables.QUARANTINE_PAYMENT).count())
        .isEqualTo(silver.counts().quarantined());
  }

  @Test
  void aPendingTransactionEndsWithItsSettledStatus() {
    Set<String> pending = new HashSet<>();
    Set<String> settled = new HashSet<>();
    for (Object[] r : rows) {
      String[] c = (String[]) r[2];
      (c[9].equals("3") ? pending : settled).add(c[7]);
    }
    pending.retainAll(settled);
    assertThat(pending).isNotEmpty();
    for (String id : pending) {
      var s =
          store
              .read(Tables.SILVER_PAYMENT)
              .where(col("transaction_id").equalTo(id))
              .collectAsList();
      if (!s.isEmpty()) {
        assertThat(s.get(0).<Integer>getAs("status_code")).as(id).isEqualTo(1);
      }
    }
  }

  @Test
  void noPayerNameOrIdReachesSilver() {
    Set<String> personal = new HashSet<>();
    for (Object[] r : rows) {
      String[] c = (String[]) r[2];
      personal.add(c[11]);
      personal.add(c[12]);
    }
    for (String column : List.of("payer_pseudonym", "payer_id_pseudonym", "payment_reference")) {
      List<String> leaked =
          store.read(Tables.SILVER_PAYMENT).select(column).collectAsList().stream()
              .map(r -> r.getString(0))
              .filter(personal::contains)
              .toList();
      assertThat(leaked).as(column).isEmpty();
    }
  }

  @Test
  void aWorkbookWithAnotherLayoutIsRejectedNamingTheFile() throws Exception {
    Path bad = SharedSpark.newFolder("bad-payments-").resolve("payments");
    Files.createDirectories(bad);
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      var row = wb.createSheet("GiaoDich").createRow(0);
      row.createCell(0).setCellValue("So tham chieu");
      row.createCell(1).setCellValue("Ho so");
      try (var out = Files.newOutputStream(bad.resolve("local-2024-05-02.xlsx"))) {
        wb.write(out);
      }
    }
    var files = new SourceFolder(bad.getParent()).paymentFiles();
    assertThatThrownBy(() -> BronzePaymentJob.run(ctx("run-bad"), files))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("local-2024-05-02.xlsx")
        .hasMessageContaining("does not start with the header row MaThamChieu, MaHoSo");
  }

  @Test
  void aCsvWithAnotherHeaderIsRejectedBeforeAnythingIsRead() throws Exception {
    Path bad = SharedSpark.newFolder("bad-csv-").resolve("payments");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("paygov-2024-05-02.csv"), "Ma,HoSo,SoTien\nPG-1,D1,1000\n");
    var files = new SourceFolder(bad.getParent()).paymentFiles();
    assertThatThrownBy(() -> BronzePaymentJob.run(ctx("run-bad-csv"), files))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("paygov-2024-05-02.csv")
        .hasMessageContaining("(found: Ma, HoSo, SoTien)");
  }
}
