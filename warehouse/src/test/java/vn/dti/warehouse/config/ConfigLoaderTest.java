package vn.dti.warehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.warehouse.WarehouseException;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsRunEmbeddedUnderDtiData() {
    WarehouseConfig c = new ConfigLoader(Map.of()).load(null, Map.of());
    assertThat(c.sparkMaster()).isEqualTo("local[*]");
    assertThat(c.dataDir()).isEqualTo(Path.of("dti-data").toAbsolutePath());
    assertThat(c.warehouseLocation())
        .isEqualTo(Path.of("dti-data", "warehouse").toAbsolutePath().toString());
    assertThat(c.duckDbFile()).isEqualTo(Path.of("dti-data", "dti.duckdb").toAbsolutePath());
    assertThat(c.embedded()).isTrue();
    assertThat(c.timeZone()).isEqualTo("Asia/Ho_Chi_Minh");
  }

  @Test
  void fileThenEnvironmentThenCommandLineTakePrecedence() throws IOException {
    Path file = dir.resolve("dti.conf");
    Files.writeString(
        file, "data.dir=/from/file\nspark.sql.shuffle.partitions=8\nspark.executor.memory=2g\n");
    Map<String, String> env =
        Map.of("DTI_DATA_DIR", "/from/env", "DTI_SPARK_SQL_SHUFFLE_PARTITIONS", "6");
    WarehouseConfig c =
        new ConfigLoader(env).load(file, Map.of("spark.sql.shuffle.partitions", "3"));
    assertThat(c.dataDir()).isEqualTo(Path.of("/from/env"));
    assertThat(c.shufflePartitions()).isEqualTo(3);
    assertThat(c.extraSpark()).containsEntry("spark.executor.memory", "2g");
    assertThat(c.warehouseLocation()).isEqualTo("/from/env/warehouse");
  }

  @Test
  void clusterWarehouseLocationMayBeAUri() {
    WarehouseConfig c =
        new ConfigLoader(Map.of())
            .load(null, Map.of("warehouse.location", "hdfs://nn:8020/dti/warehouse"));
    assertThat(c.warehouseLocation()).isEqualTo("hdfs://nn:8020/dti/warehouse");
  }

  @Test
  void publishSilverChoosesAllNoneOrAList() {
    assertThat(new ConfigLoader(Map.of()).load(null, Map.of()).publishedSilver())
        .hasSize(11)
        .startsWith("silver.unit", "silver.dossier")
        .endsWith("silver.procedure");
    assertThat(
            new ConfigLoader(Map.of())
                .load(null, Map.of("publish.silver", "none"))
                .publishedSilver())
        .isEmpty();
    // Either spelling, any order, repeats: the catalog's names in catalog order.
    assertThat(
            new ConfigLoader(Map.of("DTI_PUBLISH_SILVER", " payment, silver.dossier ,dossier"))
                .load(null, Map.of())
                .publishedSilver())
        .containsExactly("silver.dossier", "silver.payment");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of()).load(null, Map.of("publish.silver", "dossier,gold")))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("publish.silver")
        .hasMessageContaining("'dossier,gold'")
        .hasMessageContaining("all, none or silver tables")
        .hasMessageContaining("dossier_fee")
        .hasMessageContaining("the command line");
  }

  @Test
  void badValueNamesKeyValueAndOrigin() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("DTI_SPARK_SQL_SHUFFLE_PARTITIONS", "many"))
                    .load(null, Map.of()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("spark.sql.shuffle.partitions")
        .hasMessageContaining("'many'")
        .hasMessageContaining("environment variable DTI_SPARK_SQL_SHUFFLE_PARTITIONS");
  }

  @Test
  void missingExplicitFileIsReported() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("absent.conf"), Map.of()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("absent.conf");
  }

  @Test
  void environmentNameOfAKey() {
    assertThat(ConfigLoader.envName("data.dir")).isEqualTo("DTI_DATA_DIR");
  }
}
