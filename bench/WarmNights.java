import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same night on several copies of a warehouse, one after the other, in one JVM: the first
 * run pays the JVM's warm-up (class loading, the JIT compiling Spark, Delta and this code), the
 * later ones show what the night itself costs. Used by bench/etl-warm.sh (docs/BENCHMARKS.md); run
 * with the jar on the class path: {@code java -cp dti.jar bench/WarmNights.java SOURCE DATE DIR...}.
 */
public final class WarmNights {
  private WarmNights() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: WarmNights SOURCE_DIR DATE DATA_DIR...");
      System.exit(2);
    }
    List<String> lines = new ArrayList<>();
    int failed = 0;
    for (int i = 2; i < args.length; i++) {
      long start = System.nanoTime();
      int rc =
          vn.dti.cli.DtiMain.execute(
              "--conf", "data.dir=" + args[i], "nightly", "--source-dir", args[0], "--date", args[1]);
      double seconds = (System.nanoTime() - start) / 1e9;
      lines.add(
          String.format(
              "night %d of this JVM (%s): %s in %.1f s",
              i - 1, args[i], rc == 0 ? "succeeded" : "FAILED (exit " + rc + ")", seconds));
      failed += rc == 0 ? 0 : 1;
    }
    lines.forEach(System.out::println);
    System.exit(failed == 0 ? 0 : 1);
  }
}
