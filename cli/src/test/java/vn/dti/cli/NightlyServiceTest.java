package vn.dti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dti.warehouse.WarehouseException;

/**
 * The service's schedule and its reasons to end, on a clock the test moves: each sleep moves it to
 * the instant slept until, and a night may move it further (a night that takes hours).
 */
class NightlyServiceTest {
  private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final long GB = 1L << 30;

  /** A clock the test sets. */
  private static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** 2025-01-01 01:00 in Hanoi (UTC+7). */
  private final MovableClock clock = new MovableClock(Instant.parse("2024-12-31T18:00:00Z"));

  private final List<Instant> nightsStarted = new ArrayList<>();
  private final StringWriter err = new StringWriter();

  private static NightlyService.Schedule at(String... times) {
    return new NightlyService.Schedule(
        java.util.Arrays.stream(times).map(LocalTime::parse).toList(), HCM);
  }

  private NightlyService service(
      NightlyService.Settings settings, long heapUsed, java.util.function.BooleanSupplier spark) {
    return new NightlyService(
        settings,
        clock,
        t -> clock.now = t.isAfter(clock.now) ? t : clock.now,
        () -> new MemoryUsage(0, heapUsed, 4 * GB, 4 * GB),
        spark,
        new PrintWriter(err, true),
        false);
  }

  @Test
  void theNextStartIsTheFirstScheduledTimeStrictlyAfterNowInTheZone() {
    NightlyService.Schedule s = at("14:30", "02:00", "02:00");
    assertThat(s.times()).containsExactly(LocalTime.of(2, 0), LocalTime.of(14, 30));
    // 2025-01-01 01:00 in Hanoi (UTC+7): 02:00 the same morning.
    assertThat(s.next(Instant.parse("2024-12-31T18:00:00Z")))
        .isEqualTo(Instant.parse("2024-12-31T19:00:00Z"));
    // Exactly at 02:00: the next is 14:30.
    assertThat(s.next(Instant.parse("2024-12-31T19:00:00Z")))
        .isEqualTo(Instant.parse("2025-01-01T07:30:00Z"));
    // 2025-01-01 20:00 in Hanoi: 02:00 the next morning.
    assertThat(s.next(Instant.parse("2025-01-01T13:00:00Z")))
        .isEqualTo(Instant.parse("2025-01-01T19:00:00Z"));
    // A time a daylight-saving change skips (02:30 on 2025-03-30 in Berlin) starts when the
    // clocks reach it: 03:30 summer time, 01:30 UTC.
    NightlyService.Schedule berlin =
        new NightlyService.Schedule(List.of(LocalTime.of(2, 30)), ZoneId.of("Europe/Berlin"));
    assertThat(berlin.next(Instant.parse("2025-03-30T00:00:00Z")))
        .isEqualTo(Instant.parse("2025-03-30T01:30:00Z"));
    assertThatThrownBy(() -> new NightlyService.Schedule(List.of(), HCM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one time");
  }

  @Test
  void nightsStartOnScheduleAndTheServiceEndsAfterItsNights() {
    int code =
        service(new NightlyService.Settings(at("02:00"), false, 3, 50), GB, () -> true)
            .run(n -> nightsStarted.add(clock.now));
    assertThat(code).isZero();
    assertThat(nightsStarted)
        .containsExactly(
            Instant.parse("2024-12-31T19:00:00Z"),
            Instant.parse("2025-01-01T19:00:00Z"),
            Instant.parse("2025-01-02T19:00:00Z"));
  }

  @Test
  void withNowTheFirstNightStartsAtOnce() {
    int code =
        service(new NightlyService.Settings(at("02:00"), true, 2, 50), GB, () -> true)
            .run(n -> nightsStarted.add(clock.now));
    assertThat(code).isZero();
    assertThat(nightsStarted)
        .containsExactly(
            Instant.parse("2024-12-31T18:00:00Z"), Instant.parse("2024-12-31T19:00:00Z"));
  }

  @Test
  void aNightPastTheNextStartIsFollowedByTheStartAfterItsEnd() {
    int code =
        service(new NightlyService.Settings(at("02:00", "14:30"), false, 2, 50), GB, () -> true)
            .run(
                n -> {
                  nightsStarted.add(clock.now);
                  clock.now = clock.now.plus(Duration.ofHours(13)); // 02:00 to 15:00
                });
    assertThat(code).isZero();
    // Not 14:30 of the first day, which passed during the night: 02:00 the next day.
    assertThat(nightsStarted)
        .containsExactly(
            Instant.parse("2024-12-31T19:00:00Z"), Instant.parse("2025-01-01T19:00:00Z"));
  }

  @Test
  void aFailedNightIsReportedAndTheNextNightStillRuns() {
    int code =
        service(new NightlyService.Settings(at("02:00"), false, 2, 50), GB, () -> true)
            .run(
                n -> {
                  nightsStarted.add(clock.now);
                  if (n == 1) {
                    throw new WarehouseException("the portal folder is missing");
                  }
                });
    assertThat(code).isZero();
    assertThat(nightsStarted).hasSize(2);
    assertThat(err.toString()).isEqualTo("error: the portal folder is missing\n");
  }

  @Test
  void theLastNightFailingEndsTheServiceWithAFailure() {
    int code =
        service(new NightlyService.Settings(at("02:00"), false, 1, 50), GB, () -> true)
            .run(
                n -> {
                  throw new WarehouseException("no key");
                });
    assertThat(code).isEqualTo(1);
  }

  @Test
  void aFailedNightAfterWhichSparkHasStoppedEndsTheService() {
    int code =
        service(new NightlyService.Settings(at("02:00"), false, 0, 50), GB, () -> false)
            .run(
                n -> {
                  nightsStarted.add(clock.now);
                  throw new IllegalStateException("Cannot call methods on a stopped SparkContext");
                });
    assertThat(code).isEqualTo(1);
    assertThat(nightsStarted).hasSize(1);
    assertThat(err.toString()).contains("a stopped SparkContext");
  }

  @Test
  void aNightLeavingMoreThanTheAllowedHeapBehindEndsTheServiceForAFreshJvm() {
    // 2.5 GB of 4 GB kept after the collection: 62.5 %, over 50 %; under 70 % it goes on.
    long used = 5 * GB / 2;
    int code =
        service(new NightlyService.Settings(at("02:00"), false, 0, 50), used, () -> true)
            .run(n -> nightsStarted.add(clock.now));
    assertThat(code).isEqualTo(NightlyService.RESTART);
    assertThat(nightsStarted).hasSize(1);
    int allowed =
        service(new NightlyService.Settings(at("02:00"), false, 3, 70), used, () -> true)
            .run(n -> nightsStarted.add(clock.now));
    assertThat(allowed).isZero();
    assertThat(nightsStarted).hasSize(4);
  }

  @Test
  void aServiceStoppedWhileWaitingSaysItWasInterrupted() {
    NightlyService s =
        new NightlyService(
            new NightlyService.Settings(at("02:00"), false, 0, 50),
            clock,
            t -> {
              throw new InterruptedException();
            },
            () -> new MemoryUsage(0, GB, 4 * GB, 4 * GB),
            () -> true,
            new PrintWriter(err, true),
            false);
    assertThat(s.run(n -> nightsStarted.add(clock.now))).isEqualTo(DtiMain.INTERRUPTED);
    assertThat(nightsStarted).isEmpty();
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> new NightlyService.Settings(at("02:00"), false, -1, 50))
        .hasMessage("--nights must be 0 (no limit) or more, not -1");
    assertThatThrownBy(() -> new NightlyService.Settings(at("02:00"), false, 0, 0))
        .hasMessage("--max-retained-heap must be a percentage from 1 to 100, not 0");
  }
}
