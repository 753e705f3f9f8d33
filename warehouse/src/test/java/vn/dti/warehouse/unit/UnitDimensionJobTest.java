package vn.dti.warehouse.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.testing.SharedSpark;

class UnitDimensionJobTest {
  private static Path ref;

  @BeforeAll
  static void files() throws IOException {
    ref = SharedSpark.newFolder("ref-");
    Files.writeString(
        ref.resolve(UnitDimensionJob.PROVINCES_63),
        "old_gso_code,old_name,new_gso_code,new_name,merge_type,keeps_own_code,note\n"
            + "70,Tỉnh Bình Phước,75,Đồng Nai,merged,no,\n75,Tỉnh Đồng Nai,75,Đồng Nai,merged,yes,\n");
    Files.writeString(
        ref.resolve(UnitDimensionJob.PROVINCES_34), "new_gso_code,name,type\n75,Đồng Nai,tinh\n");
    Files.writeString(
        ref.resolve(UnitDimensionJob.AGENCIES),
        "unit_code,unit_name,unit_level,province_code,valid_from,valid_to\n"
            + " 000.00.13.h10 ,Sở Tư pháp,department,70,2008-08-01,2025-07-01\n");
  }

  private static Dataset<Row> units() {
    List<Path> f = UnitDimensionJob.files(ref);
    return UnitDimensionJob.transform(
        UnitDimensionJob.readCsv(SharedSpark.spark(), f.get(0)),
        UnitDimensionJob.readCsv(SharedSpark.spark(), f.get(1)),
        UnitDimensionJob.readCsv(SharedSpark.spark(), f.get(2)));
  }

  @Test
  void bothErasAreEffectiveDatedAndLinked() {
    Map<String, String> rows = new TreeMap<>();
    for (Row r : units().collectAsList()) {
      rows.put(
          r.getAs("unit_code") + "@" + r.getAs("valid_from"),
          r.getAs("era")
              + " "
              + r.getAs("unit_level")
              + " to="
              + r.getAs("valid_to")
              + " next="
              + r.getAs("successor_province_code"));
    }
    assertThat(rows)
        .containsEntry("70@2008-08-01", "63 province to=2025-07-01 next=75")
        .containsEntry("75@2008-08-01", "63 province to=2025-07-01 next=75")
        .containsEntry("75@2025-07-01", "34 province to=null next=null")
        .containsEntry("000.00.13.H10@2008-08-01", "63 department to=2025-07-01 next=null")
        .hasSize(4);
  }

  @Test
  void dimensionNamesTheProvinceOfTheSameEra() {
    Map<String, String> names = new TreeMap<>();
    UnitDimensionJob.dimUnit(units())
        .collectAsList()
        .forEach(
            r -> names.put(r.getAs("unit_code") + "@" + r.getAs("era"), r.getAs("province_name")));
    assertThat(names)
        .containsEntry("000.00.13.H10@63", "Tỉnh Bình Phước")
        .containsEntry("75@34", "Đồng Nai")
        .containsEntry("75@63", "Tỉnh Đồng Nai");
  }

  @Test
  void aFileWithoutTheExpectedColumnsIsRejectedByName() throws IOException {
    Path bad = SharedSpark.newFolder("badref-").resolve(UnitDimensionJob.AGENCIES);
    Files.writeString(bad, "code,name\nx,y\n");
    assertThatThrownBy(() -> UnitDimensionJob.readCsv(SharedSpark.spark(), bad))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("agencies.csv")
        .hasMessageContaining("no column 'unit_code'");
  }
}
