package vn.dti.etl.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed pseudonyms: {@code hex(HMAC-SHA-256(key, kind + ":" + normalised value))}. Values are
 * normalised first (Unicode NFC, case, spacing, phone prefixes), so that the same person written
 * two ways gets one pseudonym; the kind separates domains, so an ID number and a phone with the
 * same digits do not collide.
 */
public final class Pseudonymizer {
  /** What a value is; each kind has its own normalisation. */
  public enum Kind {
    NAME,
    ID_NUMBER,
    PHONE,
    EMAIL
  }

  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");

  private Pseudonymizer() {}

  /** The pseudonym of {@code value}, or null for a null or blank value. */
  public static String pseudonym(PseudonymKey key, Kind kind, String value) {
    String n = normalise(kind, value);
    if (n == null) {
      return null;
    }
    // doFinal leaves the Mac as init left it, ready for the next value.
    return HEX.formatHex(
        key.mac().doFinal((kind.name() + ":" + n).getBytes(StandardCharsets.UTF_8)));
  }

  /** A new HMAC-SHA-256 initialised with {@code key}. */
  static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA-256 is unavailable in this JVM", e);
    }
  }

  /** The normalised form that is hashed; null when nothing is left. */
  static String normalise(Kind kind, String value) {
    if (value == null) {
      return null;
    }
    String v = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    v =
        switch (kind) {
          case NAME -> SPACES.matcher(v).replaceAll(" ").toUpperCase(Locale.ROOT);
          case ID_NUMBER -> SPACES.matcher(v).replaceAll("").toUpperCase(Locale.ROOT);
          case PHONE -> {
            String digits = NOT_DIGIT.matcher(v).replaceAll("");
            yield digits.startsWith("84") && digits.length() == 11
                ? "0" + digits.substring(2)
                : digits;
          }
          case EMAIL -> v.toLowerCase(Locale.ROOT);
        };
    return v.isEmpty() ? null : v;
  }

  /** A Spark function applying {@link #pseudonym} to a string column. */
  public static UserDefinedFunction udf(PseudonymKey key, Kind kind) {
    UDF1<String, String> f = v -> pseudonym(key, kind, v);
    return functions
        .udf(f, DataTypes.StringType)
        .withName("pseudonym_" + kind.name().toLowerCase(Locale.ROOT));
  }
}
