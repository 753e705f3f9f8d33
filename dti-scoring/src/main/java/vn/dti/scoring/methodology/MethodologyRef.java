package vn.dti.scoring.methodology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A methodology's identity: its id and the SHA-256 of its canonical definition text. Two scores
 * with the same reference were computed by the same rules.
 *
 * @param hash hex SHA-256 of the definition, computed once (it is stamped on every result row)
 */
public record MethodologyRef(String id, String definition, String hash) {
  public MethodologyRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(definition, "definition");
    if (!sha256(definition).equals(hash)) {
      throw new IllegalArgumentException("hash is not the SHA-256 of the definition");
    }
  }

  public MethodologyRef(String id, String definition) {
    this(id, definition, sha256(definition));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
