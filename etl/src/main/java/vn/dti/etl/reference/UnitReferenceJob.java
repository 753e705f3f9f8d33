package vn.dti.etl.reference;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dti.etl.source.SourceFile;
import vn.dti.etl.source.SourceFolder;
import vn.dti.warehouse.catalog.Tables;
import vn.dti.warehouse.job.InputVersions;
import vn.dti.warehouse.job.JobContext;
import vn.dti.warehouse.job.StepCounts;
import vn.dti.warehouse.job.StepRecord;
import vn.dti.warehouse.job.StepResult;
import vn.dti.warehouse.unit.UnitDimensionJob;

/**
 * Rebuilds {@code silver.unit} and {@code gold.dim_unit} from the source folder's reference files
 * when their content changed since the last successful load (the files' digests are the step's
 * input versions).
 */
public final class UnitReferenceJob {
  public static final String STEP = Tables.SILVER_UNIT.name();

  private UnitReferenceJob() {}

  public static StepResult run(JobContext ctx, SourceFolder source, Optional<StepRecord> last) {
    List<Path> files = UnitDimensionJob.files(source.referenceDir());
    Map<String, String> digests = new LinkedHashMap<>();
    for (Path f : files) {
      if (!f.toFile().isFile()) {
        // Let the reader produce the message naming the missing file.
        UnitDimensionJob.readCsv(ctx.spark(), f);
      }
      SourceFile sf = SourceFolder.describe("reference", f);
      digests.put("file:" + sf.name(), sf.sha256());
    }
    InputVersions inputs = new InputVersions(digests);
    boolean unchanged = inputs.sameAs(last);
    if (unchanged
        && ctx.tables().exists(Tables.SILVER_UNIT)
        && ctx.tables().exists(Tables.GOLD_DIM_UNIT)) {
      return StepResult.upToDate(
          "reference files unchanged",
          inputs,
          InputVersions.current(ctx.tables(), Tables.SILVER_UNIT, Tables.GOLD_DIM_UNIT));
    }
    Dataset<Row> units =
        UnitDimensionJob.transform(
            UnitDimensionJob.readCsv(ctx.spark(), files.get(0)),
            UnitDimensionJob.readCsv(ctx.spark(), files.get(1)),
            UnitDimensionJob.readCsv(ctx.spark(), files.get(2)));
    ctx.tables().overwrite(Tables.SILVER_UNIT, units);
    Dataset<Row> stored = ctx.tables().read(Tables.SILVER_UNIT);
    ctx.tables().overwrite(Tables.GOLD_DIM_UNIT, UnitDimensionJob.dimUnit(stored));
    long n = stored.count();
    return StepResult.done(
        StepCounts.derived(n, n, "silver.unit and gold.dim_unit"),
        inputs,
        InputVersions.current(ctx.tables(), Tables.SILVER_UNIT, Tables.GOLD_DIM_UNIT));
  }
}
