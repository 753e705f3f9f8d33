package vn.dti.etl.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.etl.privacy.Pseudonymizer.Kind;
import vn.dti.warehouse.WarehouseException;

class PseudonymizerTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  private final PseudonymKey key = PseudonymKey.of(SECRET);

  private static String hmac(String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void isTheHmacOfKindAndNormalisedValue() throws Exception {
    assertThat(Pseudonymizer.pseudonym(key, Kind.NAME, "  Nguyễn   Văn An "))
        .isEqualTo(hmac("NAME:NGUYỄN VĂN AN"));
    assertThat(Pseudonymizer.pseudonym(key, Kind.EMAIL, "An.Nguyen@Gmail.com"))
        .isEqualTo(hmac("EMAIL:an.nguyen@gmail.com"));
    assertThat(Pseudonymizer.pseudonym(key, Kind.PHONE, "+84 912 345 678"))
        .isEqualTo(hmac("PHONE:0912345678"));
  }

  @Test
  void decomposedAndComposedVietnameseGiveOnePseudonym() {
    String nfc = "Trần Thị Hương";
    String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
    assertThat(nfd).isNotEqualTo(nfc);
    assertThat(Pseudonymizer.pseudonym(key, Kind.NAME, nfd))
        .isEqualTo(Pseudonymizer.pseudonym(key, Kind.NAME, nfc));
  }

  @Test
  void kindsAndKeysSeparateDomains() {
    String digits = "070123456789";
    assertThat(Pseudonymizer.pseudonym(key, Kind.ID_NUMBER, digits))
        .isNotEqualTo(Pseudonymizer.pseudonym(key, Kind.PHONE, digits));
    PseudonymKey other = PseudonymKey.of("another-key-of-sufficient-length-0000");
    assertThat(Pseudonymizer.pseudonym(other, Kind.ID_NUMBER, digits))
        .isNotEqualTo(Pseudonymizer.pseudonym(key, Kind.ID_NUMBER, digits));
  }

  @Test
  void absentValuesStayAbsent() {
    assertThat(Pseudonymizer.pseudonym(key, Kind.NAME, null)).isNull();
    assertThat(Pseudonymizer.pseudonym(key, Kind.EMAIL, "   ")).isNull();
  }

  @Test
  void keyComesFromTheEnvironmentOrAKeyFile(@TempDir Path dir) throws Exception {
    assertThat(
            PseudonymKey.fromEnvironment(
                    Map.of(PseudonymKey.ENV, SECRET), PseudonymKey.DemoKey.REFUSED)
                .origin())
        .isEqualTo("environment variable DTI_PSEUDONYM_KEY");
    Path f = dir.resolve("key");
    Files.writeString(f, SECRET + "\n");
    PseudonymKey fromFile =
        PseudonymKey.fromEnvironment(
            Map.of(PseudonymKey.FILE_ENV, f.toString()), PseudonymKey.DemoKey.REFUSED);
    assertThat(Pseudonymizer.pseudonym(fromFile, Kind.NAME, "An"))
        .isEqualTo(Pseudonymizer.pseudonym(key, Kind.NAME, "An"));
    assertThat(fromFile.toString()).doesNotContain(SECRET);
  }

  @Test
  void refusesToRunWithoutAKeyOutsideTheDemo() {
    assertThatThrownBy(() -> PseudonymKey.fromEnvironment(Map.of(), PseudonymKey.DemoKey.REFUSED))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("DTI_PSEUDONYM_KEY");
    assertThat(PseudonymKey.fromEnvironment(Map.of(), PseudonymKey.DemoKey.ALLOWED).isDemo())
        .isTrue();
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(
            () ->
                PseudonymKey.fromEnvironment(
                    Map.of(PseudonymKey.ENV, "short"), PseudonymKey.DemoKey.REFUSED))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("shorter than 32 characters");
  }
}
