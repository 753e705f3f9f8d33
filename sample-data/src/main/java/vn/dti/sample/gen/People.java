package vn.dti.sample.gen;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Fake but realistic personal data: Vietnamese names, 12-digit citizen ID numbers, mobile numbers,
 * e-mails.
 */
final class People {
  private static final String[] SURNAMES = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
    "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"
  };
  private static final String[] MIDDLE = {
    "Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Đức", "Thu", "Gia"
  };
  private static final String[] GIVEN = {
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh",
        "Lan", "Linh",
    "Long", "Mai", "Nam", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
        "Vy", "Yến",
    "Đạt", "Nhung", "Thắng", "Hiếu", "Trâm", "Khoa"
  };
  private static final String[] MAIL = {
    "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com"
  };
  private static final String[] PHONE_PREFIX = {
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "035", "038", "070",
    "077", "083"
  };

  private People() {}

  /** Name, ID number, phone, e-mail of an applicant from province {@code provinceCode}. */
  static String[] person(Rng r, String provinceCode) {
    String given = r.pick(GIVEN);
    String sur = r.pick(SURNAMES);
    String name = sur + " " + r.pick(MIDDLE) + " " + given;
    String id =
        String.format(
            Locale.ROOT,
            "0%s%d%02d%06d",
            provinceCode,
            r.nextInt(4),
            40 + r.nextInt(65),
            r.nextInt(1_000_000));
    String phone = r.pick(PHONE_PREFIX) + String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000));
    String email =
        r.chance(0.7)
            ? ascii(given + "." + sur).toLowerCase(Locale.ROOT)
                + r.nextInt(1000)
                + "@"
                + r.pick(MAIL)
            : null;
    return new String[] {name, id, phone, email};
  }

  /** An official's name (signers of documents; not citizens' personal data). */
  static String official(Rng r) {
    return r.pick(SURNAMES) + " " + r.pick(MIDDLE) + " " + r.pick(GIVEN);
  }

  static String ascii(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replace("đ", "d")
        .replace("Đ", "D");
  }
}
