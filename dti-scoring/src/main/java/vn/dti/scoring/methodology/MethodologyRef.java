package vn.dti.scoring.methodology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A methodology's identity: its id and the SHA-256 of its canonical definition text. Two scores
 * with the same reference were computed by the same rules.
 */
public record MethodologyRef(String id, String definition) {
  public MethodologyRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(definition, "definition");
  }

  /** Hex SHA-256 of the definition. */
  public String hash() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(definition.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
