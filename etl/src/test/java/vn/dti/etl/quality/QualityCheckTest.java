package vn.dti.etl.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.WarehouseException;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.testing.SharedSpark;

class QualityCheckTest {
  private static final QualityRules RULES =
      QualityRules.parse(
          "t.yaml",
          """
          rules:
            - code: NEGATIVE
              table: silver.payment
              severity: reject
              description: Negative amount
              description_vi: Số tiền âm
              violation: amount_vnd < 0
            - code: HUGE
              table: silver.payment
              severity: reject
              description: Huge amount
              description_vi: Số tiền quá lớn
              violation: amount_vnd > 1000 or amount_vnd < -1000
            - code: ODD_ERROR
              table: silver.payment
              severity: warn
              description: Success with an error code
              description_vi: Thành công nhưng có mã lỗi
              violation: status_code = 1 and error_code <> '00'
          """);

  private static Dataset<Row> classified() {
    StructType s =
        new StructType()
            .add("_batch_id", DataTypes.StringType)
            .add("disposition", DataTypes.StringType)
            .add("reason_code", DataTypes.StringType)
            .add("reason_detail", DataTypes.StringType)
            .add("amount_vnd", DataTypes.LongType)
            .add("status_code", DataTypes.IntegerType)
            .add("error_code", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create("b1", "ACCEPTED", null, null, 500L, 1, "00"),
            RowFactory.create("b1", "ACCEPTED", null, null, -5000L, 1, "00"),
            RowFactory.create("b1", "ACCEPTED", null, null, 200L, 1, "51"),
            RowFactory.create("b1", "ACCEPTED", null, null, null, 1, null),
            // Already quarantined by the job's own checks: not judged again.
            RowFactory.create("b1", "QUARANTINED", "INVALID_AMOUNT", "x", -1L, 1, "99"),
            RowFactory.create("b2", "ACCEPTED", null, null, 2000L, 4, "51"),
            RowFactory.create("b2", "DUPLICATE", null, null, null, null, null));
    return SharedSpark.spark().createDataFrame(rows, s);
  }

  @Test
  void theFirstRejectingRuleSendsARecordToQuarantineAndWarningsKeepIt() {
    List<QualityRule> rules = RULES.forTable(Tables.SILVER_PAYMENT);
    Dataset<Row> checked = QualityCheck.apply(classified(), rules);
    Map<Long, String> byAmount = new TreeMap<>();
    for (Row r : QualityCheck.strip(checked).where("amount_vnd is not null").collectAsList()) {
      byAmount.put(
          r.getAs("amount_vnd"),
          r.getAs("disposition") + " " + r.getAs("reason_code") + " " + r.getAs("reason_detail"));
    }
    assertThat(byAmount)
        .containsExactly(
            Map.entry(
                -5000L, "QUARANTINED NEGATIVE Negative amount (quality rule NEGATIVE, line 2)"),
            Map.entry(-1L, "QUARANTINED INVALID_AMOUNT x"),
            Map.entry(200L, "ACCEPTED null null"),
            Map.entry(500L, "ACCEPTED null null"),
            Map.entry(2000L, "QUARANTINED HUGE Huge amount (quality rule HUGE, line 8)"));
    assertThat(QualityCheck.strip(checked).columns()).containsExactly(classified().columns());
  }

  @Test
  void resultsCountPerBatchAndRuleWhatWasJudgedAndWhatFailed() {
    List<QualityRule> rules = RULES.forTable(Tables.SILVER_PAYMENT);
    List<Row> results =
        QualityCheck.results(
            QualityCheck.apply(classified(), rules), rules, "run-1", Instant.EPOCH);
    Map<String, String> byKey = new TreeMap<>();
    for (Row r : results) {
      byKey.put(
          r.getString(1) + " " + r.getString(3),
          r.getString(4) + " " + r.getLong(5) + " " + r.getLong(6) + " " + r.getString(7));
    }
    // b1 judged 4 records (the quarantined one is not judged); -5000 breaks NEGATIVE and HUGE but
    // only NEGATIVE, the first, sent it away. b2's one record went to HUGE, so its warning does
    // not count: it is no longer accepted.
    assertThat(byKey)
        .containsExactly(
            Map.entry("b1 HUGE", "REJECT 4 0 PASSED"),
            Map.entry("b1 NEGATIVE", "REJECT 4 1 REJECTED"),
            Map.entry("b1 ODD_ERROR", "WARN 4 1 WARNED"),
            Map.entry("b2 HUGE", "REJECT 1 1 REJECTED"),
            Map.entry("b2 NEGATIVE", "REJECT 1 0 PASSED"),
            Map.entry("b2 ODD_ERROR", "WARN 1 0 PASSED"));
    assertThat(results.get(0).length()).isEqualTo(Tables.OPS_QUALITY_RESULT.columns().size());
  }

  @Test
  void thePredicatesOfTheShippedRulesCompileOnTheirTables() {
    QualityCheck.validate(SharedSpark.spark(), QualityRules.standard());
  }

  @Test
  void aPredicateNamingAnUnknownColumnIsRefusedBeforeAnyRecordIsJudged() {
    QualityRules bad =
        QualityRules.parse(
            "t.yaml",
            """
            rules:
              - code: TYPO
                table: silver.payment
                severity: warn
                description: d
                description_vi: m
                violation: amount < 0
            """);
    assertThatThrownBy(() -> QualityCheck.validate(SharedSpark.spark(), bad))
        .isInstanceOf(WarehouseException.class)
        .hasMessageStartingWith(
            "Quality rule TYPO (line 2): the violation 'amount < 0' cannot be evaluated on"
                + " silver.payment");
  }
}
