package vn.dti.scoring.uncertainty;

/**
 * What a Monte-Carlo run varies and how often.
 *
 * @param draws how many perturbed weightings are drawn (at least 1000 for a published interval)
 * @param seed the seed; the same seed gives the same intervals, whatever the number of threads
 * @param spread each weight is multiplied by a uniform factor in {@code [1 - spread, 1 + spread]}
 *     (0.25: a weight of 20 ranges over 15..25), then siblings are renormalised to their parent's
 *     maximum
 */
public record Perturbation(int draws, long seed, double spread) {
  public Perturbation {
    if (draws < 1) {
      throw new IllegalArgumentException("draws must be at least 1");
    }
    if (!(spread >= 0 && spread < 1)) {
      throw new IllegalArgumentException("spread must lie in [0, 1)");
    }
  }

  /** The committee's default: 1000 draws, weights ±25 %. */
  public static Perturbation standard(long seed) {
    return new Perturbation(1000, seed, 0.25);
  }
}
