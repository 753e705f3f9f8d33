package vn.dti.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.junit.jupiter.api.Test;

class TablesTest {
  @Test
  void everyTableIsDocumentedInBothLanguages() {
    Set<String> names = new HashSet<>();
    for (TableSpec t : Tables.ALL) {
      assertThat(names.add(t.name())).as("unique name %s", t.name()).isTrue();
      assertThat(t.grain()).as("grain of %s", t).startsWith("one row per");
      for (ColumnSpec c : t.columns()) {
        assertThat(c.descriptionEn()).as("%s.%s", t, c.name()).isNotBlank();
        assertThat(c.descriptionVi()).as("%s.%s", t, c.name()).isNotBlank();
      }
    }
  }

  @Test
  void bronzeTablesCarryLineage() {
    for (TableSpec t : Tables.inLayer(Layer.BRONZE)) {
      assertThat(t.columnNames())
          .contains("_batch_id", "_source", "_source_file", "_ingested_at", "_record_hash");
    }
  }

  @Test
  void factsArePartitionedByMonth() {
    assertThat(Tables.GOLD_FCT_DOSSIER_DAILY.partitionColumns()).containsExactly("month");
  }

  @Test
  void noTableIsPartitionedByADateOrTime() {
    // What lets SparkSessions turn off Delta's per-commit file-list check for non-UTC sessions:
    // only date and time partition values are written differently in different zones.
    for (TableSpec t : Tables.ALL) {
      for (ColumnSpec c : t.columns()) {
        if (t.partitionColumns().contains(c.name())) {
          assertThat(c.type())
              .as("partition column %s.%s", t, c.name())
              .isNotInstanceOfAny(DateType.class, TimestampType.class, TimestampNTZType.class);
        }
      }
    }
  }

  @Test
  void noPersonalDataColumnsOutsideBronze() {
    for (TableSpec t : Tables.ALL) {
      if (t.layer() == Layer.BRONZE || t.layer() == Layer.QUARANTINE) {
        continue;
      }
      for (String c : t.columnNames()) {
        assertThat(c)
            .as("%s.%s", t, c)
            .doesNotContain("name_clear")
            .isNotIn("applicant_name", "phone", "email", "id_number");
      }
    }
  }

  @Test
  void specRejectsUnknownPartitionAndDuplicateColumns() {
    ColumnSpec a = ColumnSpec.required("a", DataTypes.StringType, "A", "A");
    assertThatThrownBy(
            () ->
                new TableSpec(
                    Layer.GOLD, "x", "one row per x", List.of(a), List.of("b"), List.of()))
        .hasMessageContaining("unknown partition column b");
    assertThatThrownBy(
            () ->
                new TableSpec(
                    Layer.GOLD, "x", "one row per x", List.of(a, a), List.of(), List.of()))
        .hasMessageContaining("duplicate column a");
    ColumnSpec m = ColumnSpec.required("m", DataTypes.StringType, "M", "M");
    TableSpec x =
        new TableSpec(Layer.GOLD, "x", "one row per x", List.of(a, m), List.of("m"), List.of());
    assertThatThrownBy(() -> x.withStatsColumns("b"))
        .hasMessageContaining("statistics column b is unknown or a partition column");
    assertThatThrownBy(() -> x.withStatsColumns("m"))
        .hasMessageContaining("statistics column m is unknown or a partition column");
    assertThat(x.withStatsColumns("a").statsColumns()).containsExactly("a");
    assertThat(x.statsColumns()).isEmpty();
  }

  @Test
  void lookupByName() {
    assertThat(Tables.byName("silver.dossier")).contains(Tables.SILVER_DOSSIER);
    assertThat(Tables.byName("silver.nothing")).isEmpty();
  }
}
