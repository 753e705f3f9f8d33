package vn.dti.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.dti.etl.EtlErrors;

/**
 * A source folder as written by {@code dti generate} or delivered by the source systems: {@code
 * portal/*.jsonl}, {@code reference/*.csv}.
 */
public final class SourceFolder {
  private static final Pattern DATED = Pattern.compile(".*?(\\d{4}-\\d{2}-\\d{2})(\\.[a-z]+)+$");

  private final Path root;
  private final LoadWindow window;

  /** Every business day the folder holds. */
  public SourceFolder(Path root) {
    this(root, LoadWindow.all());
  }

  /** The days of {@code window} only: dated files outside it are not listed. */
  public SourceFolder(Path root, LoadWindow window) {
    if (!Files.isDirectory(root)) {
      throw EtlErrors.missingSourceFolder(root);
    }
    this.root = root;
    this.window = java.util.Objects.requireNonNull(window, "window");
  }

  /** The business days this folder view lists. */
  public LoadWindow window() {
    return window;
  }

  public Path root() {
    return root;
  }

  /** The folder with the reference files. */
  public Path referenceDir() {
    return root.resolve("reference");
  }

  /**
   * The portal's dossier files ({@code portal/dossiers-*.jsonl}, optionally gzip-compressed), by
   * name.
   */
  public List<SourceFile> portalDossierFiles() {
    return list("portal", "portal", "dossiers-", List.of(".jsonl", ".jsonl.gz"));
  }

  /** The portal's feedback (PAKN) files, {@code portal/feedback-*.jsonl[.gz]}, by name. */
  public List<SourceFile> portalFeedbackFiles() {
    return list("portal", "feedback", "feedback-", List.of(".jsonl", ".jsonl.gz"));
  }

  /**
   * The payment platforms' daily reconciliation files: {@code payments/paygov-*.csv} (national) and
   * {@code payments/local-*.xlsx} (provincial), by name.
   */
  public List<SourceFile> paymentFiles() {
    List<SourceFile> all = new java.util.ArrayList<>();
    all.addAll(list("payments", "payments", "paygov-", List.of(".csv")));
    all.addAll(list("payments", "payments", "local-", List.of(".xlsx")));
    return List.copyOf(all);
  }

  /** The self-assessment workbooks, {@code assessment/<year>/<unit>.xlsx}, by path. */
  public List<SourceFile> assessmentFiles() {
    Path dir = root.resolve("assessment");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".xlsx"))
          .sorted()
          .map(
              p -> {
                SourceFile f = describe("assessment", p);
                String name = dir.relativize(p).toString();
                return new SourceFile(
                    f.source(), f.path(), f.sha256(), f.bytes(), f.businessDate(), name);
              })
          .toList();
    } catch (IOException e) {
      throw EtlErrors.unreadableSourceFile(dir, e);
    }
  }

  private List<SourceFile> list(
      String folder, String source, String prefix, List<String> suffixes) {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              p -> matches(p.getFileName().toString(), prefix, suffixes) && Files.isRegularFile(p))
          .sorted()
          .filter(p -> window.includes(businessDate(p.getFileName().toString())))
          .map(p -> describe(source, p))
          .toList();
    } catch (IOException e) {
      throw EtlErrors.unreadableSourceFile(dir, e);
    }
  }

  private static boolean matches(String name, String prefix, List<String> suffixes) {
    return name.startsWith(prefix) && suffixes.stream().anyMatch(name::endsWith);
  }

  /**
   * Digests a file and reads the business date from its name ({@code dossiers-2024-05-01.jsonl}).
   */
  public static SourceFile describe(String source, Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
      byte[] buf = new byte[1 << 16];
      long n = 0;
      int r;
      while ((r = in.read(buf)) > 0) {
        n += r;
      }
      String hex = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      return new SourceFile(source, file, hex, n, businessDate(file.getFileName().toString()));
    } catch (IOException e) {
      throw EtlErrors.unreadableSourceFile(file, e);
    }
  }

  static Optional<LocalDate> businessDate(String name) {
    Matcher m = DATED.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(m.group(1)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
