package vn.dti.etl.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.dti.etl.source.SourceFolder;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

class ProcedureReferenceJobTest {
  private static final String HEADER =
      "procedure_code,procedure_name,field,level,online_level,full_online_eligible,fee_vnd,"
          + "financial_obligation,paper_result,processing_days,applicant_types\n";

  private static SourceFolder folder(String csv) throws IOException {
    Path dir = SharedSpark.newFolder("procedures-");
    Files.createDirectories(dir.resolve("reference"));
    Files.writeString(dir.resolve("reference/procedures.csv"), csv);
    return new SourceFolder(dir);
  }

  @Test
  void theCatalogueIsTypedAndLabelledInVietnamese() throws IOException {
    DeltaTableStore store = SharedSpark.newStore();
    JobContext ctx = new JobContext(store, Clock.systemUTC(), "run-p");
    SourceFolder f =
        folder(
            HEADER
                + "1.001612,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,department,4,true,200000,"
                + "false,true,10,citizen\n"
                + " 2.000123 ,\"Chứng thực bản sao, chữ ký\",Chứng thực,commune,3,false,0,false,"
                + "false,1,citizen;business\n");
    var result = ProcedureReferenceJob.run(ctx, f, Optional.empty());
    assertThat(result.counts().written()).isEqualTo(2);
    Row copy = store.read(Tables.GOLD_DIM_PROCEDURE).where("procedure_code = '2.000123'").head();
    assertThat(copy.<String>getAs("procedure_name")).isEqualTo("Chứng thực bản sao, chữ ký");
    assertThat(copy.<String>getAs("online_level_label")).isEqualTo("Một phần");
    assertThat(copy.<String>getAs("unit_level_label")).isEqualTo("Cấp xã");
    assertThat(copy.<Boolean>getAs("has_fee")).isFalse();
    Row record = store.read(Tables.GOLD_DIM_PROCEDURE).where("procedure_code = '1.001612'").head();
    assertThat(record.<String>getAs("online_level_label")).isEqualTo("Toàn trình");
    assertThat(record.<Long>getAs("fee_vnd")).isEqualTo(200_000L);
    // Unchanged file: nothing rewritten.
    StepRecord last =
        new StepRecord(
            "run-p",
            ProcedureReferenceJob.STEP,
            StepRecord.Status.SUCCESS,
            java.time.Instant.EPOCH,
            1,
            result.counts(),
            result.inputs(),
            result.outputs());
    assertThat(ProcedureReferenceJob.run(ctx, f, Optional.of(last)).status())
        .isEqualTo(StepRecord.Status.SKIPPED);
  }

  @Test
  void aRowThatCannotBeReadRejectsTheFileNamingIt() throws IOException {
    DeltaTableStore store = SharedSpark.newStore();
    JobContext ctx = new JobContext(store, Clock.systemUTC(), "run-p");
    SourceFolder f =
        folder(HEADER + "1.001612,Cấp Phiếu,LLTP,department,9,true,abc,false,true,10,citizen\n");
    assertThatThrownBy(() -> ProcedureReferenceJob.run(ctx, f, Optional.empty()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining(
            "procedures.csv has rows that cannot be read, e.g. procedure 1.001612")
        .hasMessageContaining("the previous catalogue is kept");
    assertThat(store.exists(Tables.SILVER_PROCEDURE)).isFalse();
  }
}
