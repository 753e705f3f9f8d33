package vn.dti.etl.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import vn.dti.etl.EtlErrors;

/**
 * The secret key of the pseudonyms. It comes from the environment ({@value #ENV}) or from a file
 * named by {@value #FILE_ENV}, never from the repository or the configuration file. Only the
 * embedded demo may run with the built-in demo key, and says so.
 */
public final class PseudonymKey implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ENV = "DTI_PSEUDONYM_KEY";
  public static final String FILE_ENV = "DTI_PSEUDONYM_KEY_FILE";
  private static final String DEMO =
      "dti-warehouse embedded demo key: never use it for real personal data";

  /** Whether the built-in demo key may be used when no key is configured. */
  public enum DemoKey {
    ALLOWED,
    REFUSED
  }

  private final byte[] key;
  private final String origin;

  /**
   * Each thread's HMAC initialised with this key: getting and initialising one costs several times
   * the hash of a value, and a full build hashes about 16 million. Not serialised; made again on
   * first use where the key is deserialised (a Spark task).
   */
  private transient volatile ThreadLocal<javax.crypto.Mac> macs;

  private PseudonymKey(byte[] key, String origin) {
    this.key = key.clone();
    this.origin = origin;
  }

  /** A key from raw bytes (tests). */
  public static PseudonymKey of(String secret) {
    return new PseudonymKey(secret.getBytes(StandardCharsets.UTF_8), "a given value");
  }

  /** The configured key, or the demo key where that is allowed. */
  public static PseudonymKey fromEnvironment(Map<String, String> env, DemoKey demo) {
    String value = env.get(ENV);
    if (value != null && !value.isBlank()) {
      return checked(value.trim(), "environment variable " + ENV);
    }
    String file = env.get(FILE_ENV);
    if (file != null && !file.isBlank()) {
      try {
        return checked(
            Files.readString(Path.of(file), StandardCharsets.UTF_8).trim(), "key file " + file);
      } catch (IOException e) {
        throw EtlErrors.unreadableSourceFile(Path.of(file), e);
      }
    }
    if (demo == DemoKey.ALLOWED) {
      return new PseudonymKey(DEMO.getBytes(StandardCharsets.UTF_8), "the built-in demo key");
    }
    throw EtlErrors.missingPseudonymKey(ENV, FILE_ENV);
  }

  private static PseudonymKey checked(String value, String origin) {
    if (value.length() < 32) {
      throw EtlErrors.weakPseudonymKey(origin);
    }
    return new PseudonymKey(value.getBytes(StandardCharsets.UTF_8), origin);
  }

  /** Where the key came from, for the log (never the key itself). */
  public String origin() {
    return origin;
  }

  /** Whether this is the built-in demo key. */
  public boolean isDemo() {
    return Arrays.equals(key, DEMO.getBytes(StandardCharsets.UTF_8));
  }

  /** This thread's HMAC-SHA-256 with this key, ready for a value. */
  javax.crypto.Mac mac() {
    ThreadLocal<javax.crypto.Mac> m = macs;
    if (m == null) {
      // Two threads may both get here: each then keeps the Mac it made, which is as good.
      m = ThreadLocal.withInitial(() -> Pseudonymizer.newMac(key));
      macs = m;
    }
    return m.get();
  }

  @Override
  public String toString() {
    return "PseudonymKey[" + origin + "]";
  }
}
