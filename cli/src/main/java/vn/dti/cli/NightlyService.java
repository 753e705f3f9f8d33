package vn.dti.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the nightly load at fixed times of the day, night after night, in one JVM ({@code dti
 * service}). A night in a fresh JVM spends about a minute of its two on the JVM's warm-up (class
 * loading and the JIT compiling Spark, Delta and this code, docs/BENCHMARKS.md); here only the
 * first night pays it.
 *
 * <p>A JVM that stays up for months is kept honest three ways. A failed night is reported and
 * recorded in the ledger like any run, and the next night loads what it did not (every step is
 * idempotent); but when Spark itself stopped, the service ends, so that its supervisor starts a
 * fresh one. After each night the heap is collected and, when what the night left behind holds more
 * than the configured share of it, the service ends with {@link #RESTART} rather than carry a leak
 * into the next night. And {@code --nights} ends it after that many nights, for a supervisor that
 * restarts it on a schedule of its own.
 */
final class NightlyService {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyService.class);

  /** The exit code asking the supervisor for a fresh JVM (sysexits' EX_TEMPFAIL). */
  static final int RESTART = 75;

  /** One night's work: throws when the night failed. */
  @FunctionalInterface
  interface Night {
    void run(int number) throws Exception;
  }

  /** Waits until an instant (the clock's), or throws when interrupted. */
  @FunctionalInterface
  interface Sleeper {
    void sleepUntil(Instant t) throws InterruptedException;
  }

  /** The heap in use after a full collection, and its maximum, in bytes. */
  @FunctionalInterface
  interface HeapProbe {
    MemoryUsage afterCollection();
  }

  /**
   * The times of day a night starts, in a time zone.
   *
   * @param times at least one, in any order (kept sorted and distinct)
   */
  record Schedule(List<LocalTime> times, ZoneId zone) {
    Schedule {
      Objects.requireNonNull(zone, "zone");
      if (times == null || times.isEmpty()) {
        throw new IllegalArgumentException("a schedule needs at least one time of day");
      }
      times = times.stream().distinct().sorted().toList();
    }

    /**
     * The first scheduled start strictly after {@code after}. A time the zone skips (a daylight-
     * saving gap) starts when the clocks reach it; Vietnam keeps no daylight-saving time.
     */
    Instant next(Instant after) {
      ZonedDateTime now = after.atZone(zone);
      for (int day = 0; day <= 1; day++) {
        for (LocalTime t : times) {
          Instant candidate = now.toLocalDate().plusDays(day).atTime(t).atZone(zone).toInstant();
          if (candidate.isAfter(after)) {
            return candidate;
          }
        }
      }
      throw new IllegalStateException("no start within two days of " + after);
    }

    String describe() {
      return times.stream().map(LocalTime::toString).collect(Collectors.joining(", "))
          + " ("
          + zone
          + ")";
    }
  }

  /**
   * How the service runs.
   *
   * @param schedule when nights start
   * @param now whether a night also starts at once (catching up on what was delivered meanwhile)
   * @param nights how many nights before the service ends, 0 for no limit
   * @param retainedHeapPercent the share of the maximum heap that what a night leaves behind may
   *     hold before the service ends for a fresh JVM
   */
  record Settings(Schedule schedule, boolean now, int nights, int retainedHeapPercent) {
    Settings {
      Objects.requireNonNull(schedule, "schedule");
      if (nights < 0) {
        throw new IllegalArgumentException("--nights must be 0 (no limit) or more, not " + nights);
      }
      if (retainedHeapPercent < 1 || retainedHeapPercent > 100) {
        throw new IllegalArgumentException(
            "--max-retained-heap must be a percentage from 1 to 100, not " + retainedHeapPercent);
      }
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final HeapProbe heap;
  private final BooleanSupplier sparkUsable;
  private final PrintWriter err;
  private final boolean verbose;

  /**
   * @param sparkUsable whether Spark can still run a night (false once its context stopped)
   * @param err where a failed night's message goes, as a command's would
   */
  NightlyService(
      Settings settings,
      Clock clock,
      Sleeper sleeper,
      HeapProbe heap,
      BooleanSupplier sparkUsable,
      PrintWriter err,
      boolean verbose) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.heap = heap;
    this.sparkUsable = sparkUsable;
    this.err = err;
    this.verbose = verbose;
  }

  /**
   * Runs nights until a reason to end: returns 0 after {@code --nights} nights of which the last
   * succeeded (1 when it failed), {@link #RESTART} when a night left too much of the heap behind, 1
   * when Spark stopped, {@link DtiMain#INTERRUPTED} when the JVM is shutting down.
   */
  int run(Night night) {
    Instant next = settings.now() ? clock.instant() : settings.schedule().next(clock.instant());
    LOG.info(
        "Service started: nights at {}{}; the first at {}",
        settings.schedule().describe(),
        settings.nights() == 0 ? "" : ", " + settings.nights() + " night(s) in all",
        local(next));
    for (int number = 1; ; number++) {
      try {
        sleeper.sleepUntil(next);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.info("Service stopped while waiting for night {}", number);
        return DtiMain.INTERRUPTED;
      }
      long started = System.nanoTime();
      boolean ok;
      try {
        night.run(number);
        ok = true;
      } catch (Exception e) {
        ok = false;
        int code = DtiMain.report(e, err, verbose, DtiMain.shuttingDown());
        if (code == DtiMain.INTERRUPTED) {
          return code;
        }
        if (!sparkUsable.getAsBoolean()) {
          LOG.error(
              "Night {} failed and Spark has stopped: the service ends so that its supervisor"
                  + " starts a fresh one",
              number);
          return 1;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      MemoryUsage after = heap.afterCollection();
      long retainedMb = after.getUsed() >> 20;
      long maxMb = after.getMax() >> 20;
      boolean last = settings.nights() > 0 && number >= settings.nights();
      next = settings.schedule().next(clock.instant());
      LOG.info(
          "Night {} {} in {} s; the heap holds {} MB of {} MB after a full collection; {}",
          number,
          ok ? "succeeded" : last ? "FAILED" : "FAILED (the next night loads what it did not)",
          String.format(java.util.Locale.ROOT, "%.1f", seconds),
          retainedMb,
          maxMb,
          last ? "the last night of this service" : "the next at " + local(next));
      if (last) {
        return ok ? 0 : 1;
      }
      if (after.getMax() > 0
          && after.getUsed() * 100 > after.getMax() * (long) settings.retainedHeapPercent()) {
        LOG.warn(
            "What night {} left behind holds {} MB, more than {} % of the {} MB heap: the service"
                + " ends (exit {}) so that its supervisor starts a fresh JVM",
            number, retainedMb, settings.retainedHeapPercent(), maxMb, RESTART);
        return RESTART;
      }
    }
  }

  private String local(Instant t) {
    return t.atZone(settings.schedule().zone())
        .toLocalDateTime()
        .truncatedTo(ChronoUnit.SECONDS)
        .toString()
        .replace('T', ' ');
  }

  /** Sleeps on the system clock until {@code t}, a minute at most at a time (a clock set back). */
  static void sleepUntil(Instant t) throws InterruptedException {
    while (true) {
      Duration left = Duration.between(Instant.now(), t);
      if (left.isNegative() || left.isZero()) {
        return;
      }
      Thread.sleep(Math.min(left.toMillis() + 1, 60_000));
    }
  }

  /**
   * The heap after a full collection. The collection also lets Spark's cleaner remove the night's
   * shuffle files and broadcasts, which it does once their objects are collected.
   */
  static MemoryUsage collectedHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
  }
}
