package vn.dti.warehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Histogram;
import org.apache.spark.metrics.source.CodegenMetrics$;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.testing.SharedSpark;

class SparkSessionsTest {
  /** Janino compilations so far in this JVM. */
  private static long compilations() {
    Histogram h = CodegenMetrics$.MODULE$.METRIC_COMPILATION_TIME();
    return h.getCount();
  }

  /** A query whose generated code differs for each {@code k} (a primitive literal is inlined). */
  private static long shape(SparkSession spark, int k) {
    return spark.range(50).selectExpr("id * " + k + " + 3 as x").where("x % 7 = 1").count();
  }

  @Test
  void aQueryShapeSeenBeforeAHundredOthersIsNotCompiledAgain() {
    SparkSession spark = SharedSpark.spark();
    long first = shape(spark, 1_000_001);
    // Some 130 classes (two per query) after it, more than Spark's default cache (100) holds: with
    // it, the first shape's
    // classes would be evicted and compiled again.
    for (int k = 2; k < 70; k++) {
      shape(spark, k);
    }
    long before = compilations();
    assertThat(shape(spark, 1_000_001)).isEqualTo(first);
    assertThat(compilations() - before).as("classes compiled for a shape already seen").isZero();
    assertThat(spark.conf().get("spark.sql.codegen.cache.maxEntries"))
        .isEqualTo(String.valueOf(SparkSessions.CODEGEN_CACHE_ENTRIES));
  }
}
