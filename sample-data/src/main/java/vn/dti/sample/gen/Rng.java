package vn.dti.sample.gen;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random stream derived from the run's seed and a key (province, day, unit ...), so that what is
 * generated for one key never depends on what was generated before it: the same seed gives the same
 * bytes whatever the order or the subset generated.
 */
final class Rng {
  private final SplittableRandom random;

  private Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A stream for {@code seed} and the given key parts. */
  static Rng of(long seed, Object... key) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (Object k : key) {
      for (byte b : String.valueOf(k).getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ b) * 0x100000001B3L;
      }
      h = mix(h + 0x632BE59BD9B4E019L);
    }
    return new Rng(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** An integer in [lo, hi], both inclusive. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  /** A standard normal draw (Box–Muller). */
  double gaussian() {
    double u = Math.max(1e-12, random.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** A Poisson draw; normal approximation above 50. */
  int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 50) {
      return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian()));
    }
    double l = Math.exp(-lambda);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** Index drawn from cumulative weights ({@code cumulative[last]} is the total). */
  int weighted(double[] cumulative) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
