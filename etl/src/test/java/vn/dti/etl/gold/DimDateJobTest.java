package vn.dti.etl.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.testing.SharedSpark;

class DimDateJobTest {
  @Test
  void everyDayOfTheYearsWithVietnameseNamesAndTheEra() {
    Dataset<Row> d = DimDateJob.transform(SharedSpark.spark(), 2024, 2025);
    assertThat(d.columns()).containsExactlyInAnyOrderElementsOf(Tables.GOLD_DIM_DATE.columnNames());
    assertThat(d.count()).isEqualTo(366 + 365);
    // 2024 starts on a Monday and has 366 days: 52 weeks and two days, Monday and Tuesday.
    assertThat(d.where("year = 2024 and is_weekend").count()).isEqualTo(104);
    Row first = d.where("date = date'2024-01-01'").head();
    assertThat(first.<String>getAs("day_name_vi")).isEqualTo("Thứ Hai");
    assertThat(first.<Integer>getAs("day_of_week")).isEqualTo(1);
    assertThat(first.<Integer>getAs("iso_week")).isEqualTo(1);
    Row sunday = d.where("date = date'2024-12-29'").head();
    assertThat(sunday.<String>getAs("day_name_vi")).isEqualTo("Chủ nhật");
    assertThat(sunday.<Integer>getAs("day_of_week")).isEqualTo(7);
    assertThat(sunday.<Integer>getAs("quarter")).isEqualTo(4);
    List<Row> merger =
        d.where("date in (date'2025-06-30', date'2025-07-01')").orderBy("date").collectAsList();
    assertThat(merger).extracting(r -> r.<String>getAs("era")).containsExactly("63", "34");
    assertThat(merger.get(1).<Date>getAs("date")).isEqualTo(Date.valueOf("2025-07-01"));
    assertThat(merger.get(1).<String>getAs("month")).isEqualTo("2025-07");
  }
}
