package vn.dti.etl.source;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Which business days a run loads: every day delivered ({@link #all()}), one day ({@code nightly
 * --date}) or a range ({@code backfill --from --to}), both ends inclusive. Dated files (portal,
 * payments) are selected by the day in their name; the document-management extract stops at the end
 * of the last day; undated files (reference, self-assessment forms) are always read, and their
 * content digest keeps a second read from loading them twice.
 *
 * @param from the first day loaded, or empty for "from the beginning"
 * @param to the last day loaded, or empty for "up to the newest delivered"
 */
public record LoadWindow(Optional<LocalDate> from, Optional<LocalDate> to) {
  public LoadWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException(
          "the window starts on " + from.get() + ", after its end " + to.get());
    }
  }

  /** Every day delivered. */
  public static LoadWindow all() {
    return new LoadWindow(Optional.empty(), Optional.empty());
  }

  /** One business day. */
  public static LoadWindow day(LocalDate day) {
    return new LoadWindow(Optional.of(day), Optional.of(day));
  }

  /** The days from {@code from} to {@code to}, both inclusive. */
  public static LoadWindow between(LocalDate from, LocalDate to) {
    return new LoadWindow(Optional.of(from), Optional.of(to));
  }

  /** Whether a file of that business day is loaded; undated files always are. */
  public boolean includes(Optional<LocalDate> businessDate) {
    if (businessDate.isEmpty()) {
      return true;
    }
    LocalDate d = businessDate.get();
    return from.map(f -> !d.isBefore(f)).orElse(true) && to.map(t -> !d.isAfter(t)).orElse(true);
  }

  /**
   * The first instant after the window (exclusive bound for change timestamps of sources read by
   * watermark), or empty when the window is open-ended.
   */
  public Optional<LocalDateTime> endExclusive() {
    return to.map(t -> t.plusDays(1).atStartOfDay());
  }

  /** Whether this is the default window (everything delivered). */
  public boolean isAll() {
    return from.isEmpty() && to.isEmpty();
  }

  /**
   * How a person reads it: "all days", "2024-06-30", "2024-06-01 to 2024-06-30", "up to
   * 2024-06-30", "from 2024-06-01".
   */
  public String describe() {
    if (isAll()) {
      return "all days";
    }
    if (from.equals(to)) {
      return from.get().toString();
    }
    if (from.isEmpty()) {
      return "up to " + to.get();
    }
    if (to.isEmpty()) {
      return "from " + from.get();
    }
    return from.get() + " to " + to.get();
  }
}
