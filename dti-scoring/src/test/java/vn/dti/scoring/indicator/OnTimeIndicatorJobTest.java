package vn.dti.scoring.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.table.DeltaTableStore;
import vn.dti.warehouse.testing.SharedSpark;

class OnTimeIndicatorJobTest {
  private static Row fct(String unit, String province, String day, long received, long onTime) {
    return RowFactory.create(
        unit,
        province,
        Date.valueOf(day),
        day.substring(0, 7),
        received,
        0L,
        0L,
        0L,
        0L,
        0L,
        0L,
        0L,
        0L,
        onTime,
        received - onTime,
        Date.valueOf("2024-06-30"));
  }

  @Test
  void sumsUnitsAndDaysOfAProvinceMonth() {
    Dataset<Row> f =
        SharedSpark.spark()
            .createDataFrame(
                List.of(
                    fct("000.00.13.H10", "70", "2024-05-02", 12, 11),
                    fct("000.30.00.H10", "70", "2024-05-03", 8, 8),
                    fct("000.00.13.H03", "24", "2024-05-02", 3, 1),
                    fct("000.00.13.H03", "24", "2024-06-02", 0, 0)),
                Tables.GOLD_FCT_DOSSIER_DAILY.schema());
    Dataset<Row> out = OnTimeIndicatorJob.transform(f, "gold.fct_dossier_daily=3");
    Map<String, String> m = new TreeMap<>();
    for (Row r : out.collectAsList()) {
      m.put(
          r.getAs("unit_code") + " " + r.getAs("period"),
          r.getAs("numerator")
              + "/"
              + r.getAs("denominator")
              + " "
              + r.getAs("points")
              + " of "
              + r.getAs("max_points"));
    }
    // 70: (11 + 8) / (12 + 8) = 0.95 → 19.0000; 24: 1/3 → 6.6667; 24 in June received nothing: not
    // scored.
    assertThat(m)
        .isEqualTo(
            Map.of(
                "70 2024-05", "19/20 19.0000 of 20.0000", "24 2024-05", "1/3 6.6667 of 20.0000"));
    assertThat(DeltaTableStore.conform(Tables.GOLD_INDICATOR_VALUE, out).count()).isEqualTo(2);
  }
}
