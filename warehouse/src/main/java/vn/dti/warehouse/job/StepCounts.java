package vn.dti.warehouse.job;

/**
 * What a step did, for the ledger. For steps that accept records, {@code read = accepted +
 * quarantined + duplicate} must hold ({@link #reconciles()}); steps that only derive tables report
 * {@code read} and {@code written}.
 */
public record StepCounts(
    long read, long accepted, long quarantined, long duplicate, long written, String message) {

  public StepCounts {
    if (read < 0 || accepted < 0 || quarantined < 0 || duplicate < 0 || written < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
    message = message == null ? "" : message;
  }

  /** A derivation: {@code read} input rows produced {@code written} output rows. */
  public static StepCounts derived(long read, long written, String message) {
    return new StepCounts(read, read, 0, 0, written, message);
  }

  /** Every record read is accounted for exactly once. */
  public boolean reconciles() {
    return read == accepted + quarantined + duplicate;
  }
}
