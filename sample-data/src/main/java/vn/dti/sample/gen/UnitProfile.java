package vn.dti.sample.gen;

import java.time.LocalDate;

/**
 * How mature a unit is, drawn once per unit from the seed: its on-time rate, online share,
 * digitisation and online payment, each improving over time at the unit's own pace, so that
 * rankings and year-on-year changes mean something. Rates are calibrated to DOMAIN.md §3: on time
 * 70–98 %, online submission reaching 90–99 % by 2026, online payment 80–90 % of fee-bearing
 * dossiers in leading provinces.
 */
final class UnitProfile {
  private static final LocalDate ORIGIN = LocalDate.of(2023, 1, 1);

  private final double onTime;
  private final double online;
  private final double digitised;
  private final double payOnline;
  private final double eResult;
  private final double vneid;
  private final double signed;
  private final double pace;

  UnitProfile(long seed, String unitCode, double provinceMaturity) {
    Rng r = Rng.of(seed, "profile", unitCode);
    double m = clamp(provinceMaturity + 0.08 * r.gaussian(), 0, 1);
    this.onTime = 0.72 + 0.22 * m;
    this.online = 0.35 + 0.45 * m;
    this.digitised = 0.30 + 0.55 * m;
    this.payOnline = 0.12 + 0.62 * m;
    this.eResult = 0.20 + 0.60 * m;
    this.vneid = 0.20 + 0.50 * m;
    this.signed = 0.55 + 0.40 * m;
    this.pace = r.uniform(0.4, 1.3);
  }

  /** The province's maturity in [0, 1], drawn once per province. */
  static double provinceMaturity(long seed, String provinceCode) {
    return clamp(0.5 + 0.2 * Rng.of(seed, "maturity", provinceCode).gaussian(), 0.05, 0.95);
  }

  /** Years since 2023-01-01, the improvement clock. */
  private double years(LocalDate day) {
    return (day.toEpochDay() - ORIGIN.toEpochDay()) / 365.0;
  }

  private double grow(double base, double perYear, double cap, LocalDate day) {
    return clamp(base + perYear * pace * years(day), 0.02, cap);
  }

  double onTime(LocalDate d) {
    return grow(onTime, 0.02, 0.985, d);
  }

  double online(LocalDate d) {
    return grow(online, 0.12, 0.99, d);
  }

  double digitised(LocalDate d) {
    return grow(digitised, 0.10, 0.98, d);
  }

  double payOnline(LocalDate d) {
    return grow(payOnline, 0.10, 0.95, d);
  }

  double eResult(LocalDate d) {
    return grow(eResult, 0.12, 0.98, d);
  }

  double vneid(LocalDate d) {
    return grow(vneid, 0.15, 0.97, d);
  }

  double signed(LocalDate d) {
    return grow(signed, 0.08, 0.995, d);
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
