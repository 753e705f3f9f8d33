package vn.dti.etl.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

  @Test
  void aThreadsReusedHmacGivesEachValueItsOwnHashWithTwoKeysInTurn() throws Exception {
    // Each thread keeps one initialised HMAC per key: values hashed one after another, with two
    // keys in turn and from several threads at once, must each get the hash of that value alone.
    PseudonymKey other = PseudonymKey.of("another key of more than thirty-two characters");
    Mac otherMac = Mac.getInstance("HmacSHA256");
    otherMac.init(
        new SecretKeySpec(
            "another key of more than thirty-two characters".getBytes(StandardCharsets.UTF_8),
            "HmacSHA256"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  List<String> problems = new ArrayList<>();
                  for (int i = 0; i < 2_000; i++) {
                    String digits = thread + "0" + i;
                    String mine = Pseudonymizer.pseudonym(key, Kind.ID_NUMBER, digits);
                    String theirs = Pseudonymizer.pseudonym(other, Kind.ID_NUMBER, digits);
                    if (!mine.equals(hmac("ID_NUMBER:" + digits))) {
                      problems.add("key 1, " + digits);
                    }
                    String expected;
                    synchronized (otherMac) {
                      expected =
                          HexFormat.of()
                              .formatHex(
                                  otherMac.doFinal(
                                      ("ID_NUMBER:" + digits).getBytes(StandardCharsets.UTF_8)));
                    }
                    if (!theirs.equals(expected)) {
                      problems.add("key 2, " + digits);
                    }
                  }
                  return problems;
                }));
      }
      for (java.util.concurrent.Future<List<String>> r : results) {
        assertThat(r.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDeserialisedKeyHashesAsTheOriginal() throws Exception {
    // What a Spark task receives: the key serialised with the function, its HMACs left behind.
    assertThat(Pseudonymizer.pseudonym(key, Kind.NAME, "An")).isEqualTo(hmac("NAME:AN"));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(key);
    }
    PseudonymKey copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (PseudonymKey) in.readObject();
    }
    assertThat(Pseudonymizer.pseudonym(copy, Kind.NAME, "An")).isEqualTo(hmac("NAME:AN"));
    assertThat(Pseudonymizer.pseudonym(copy, Kind.PHONE, "+84 912 345 678"))
        .isEqualTo(hmac("PHONE:0912345678"));
  }
}
