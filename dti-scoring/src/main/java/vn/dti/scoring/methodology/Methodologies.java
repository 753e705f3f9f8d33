package vn.dti.scoring.methodology;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import vn.dti.warehouse.WarehouseException;

/**
 * The registry of methodologies: every file in the jar's {@code methodologies/} folder plus every
 * file in an operator's folder ({@code methodology.dir}). Nothing in Java lists them: a file added
 * to either folder is scored by the next night, for the periods it applies to. Two files claiming
 * the same id are refused, naming both.
 *
 * <pre>
 * jar:methodologies/qd766.yaml             qd766              2022-08 on
 * /etc/dti/methodologies/pilot-2026.yaml   pilot-2026         2026-01 on
 * </pre>
 */
public final class Methodologies {
  /** The jar's folder of methodology files. */
  static final String SHIPPED_FOLDER = "methodologies";

  /**
   * A methodology and the file it was read from.
   *
   * @param file {@code jar:methodologies/qd766.yaml} for a shipped file, else its path
   */
  public record Entry(Methodology methodology, String file) {}

  private final List<Entry> entries;

  private Methodologies(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The shipped methodologies and those of an operator's folder, checked against the tables a
   * metric may read.
   *
   * @param sourceTables the tables a metric may read (see {@link MethodologyParser#parse})
   * @throws WarehouseException naming the file and line of a file that does not parse, or both
   *     files of an id claimed twice
   */
  public static Methodologies load(Optional<Path> operatorDir, Set<String> sourceTables) {
    List<Entry> all = new ArrayList<>(shipped(sourceTables));
    if (operatorDir.isPresent()) {
      for (Path file : yamlFiles(operatorDir.get())) {
        all.add(new Entry(parseFile(file, sourceTables), file.toString()));
      }
    }
    return of(all);
  }

  /**
   * A registry of these entries, sorted by id.
   *
   * @throws WarehouseException when two files claim one id
   */
  public static Methodologies of(List<Entry> entries) {
    List<Entry> sorted =
        entries.stream().sorted(Comparator.comparing(e -> e.methodology().id())).toList();
    for (int i = 1; i < sorted.size(); i++) {
      Entry a = sorted.get(i - 1);
      Entry b = sorted.get(i);
      if (a.methodology().id().equals(b.methodology().id())) {
        throw new WarehouseException(
            "Methodology id "
                + a.methodology().id()
                + " is claimed by two files: "
                + a.file()
                + " (applies "
                + a.methodology().applies()
                + ") and "
                + b.file()
                + " (applies "
                + b.methodology().applies()
                + "). Give one of them another id (a corrected methodology is a new id whose"
                + " applies.from follows the old one's applies.to).");
      }
    }
    return new Methodologies(sorted);
  }

  /** Every methodology with its file, by id. */
  public List<Entry> entries() {
    return entries;
  }

  /** Every methodology, by id. */
  public List<Methodology> all() {
    return entries.stream().map(Entry::methodology).toList();
  }

  /** The ids, sorted. */
  public List<String> ids() {
    return entries.stream().map(e -> e.methodology().id()).toList();
  }

  /** The entry of an id. */
  public Optional<Entry> find(String id) {
    return entries.stream().filter(e -> e.methodology().id().equals(id)).findFirst();
  }

  /**
   * A methodology of the registry by id, or a methodology file by path ({@code *.yaml}).
   *
   * @throws WarehouseException naming the registry's ids when {@code idOrFile} is neither
   */
  public Methodology resolve(String idOrFile, Set<String> sourceTables) {
    Optional<Entry> known = find(idOrFile);
    if (known.isPresent()) {
      return known.get().methodology();
    }
    Path file = Path.of(idOrFile);
    if ((idOrFile.endsWith(".yaml") || idOrFile.endsWith(".yml")) && Files.isRegularFile(file)) {
      return parseFile(file, sourceTables);
    }
    throw new WarehouseException(
        "Unknown methodology '"
            + idOrFile
            + "': the registry holds "
            + String.join(", ", ids())
            + "; or pass the path of a methodology file (.yaml)");
  }

  /** A methodology file by path. */
  public static Methodology parseFile(Path file, Set<String> sourceTables) {
    try {
      return MethodologyParser.parse(
          file.toString(), Files.readString(file, StandardCharsets.UTF_8), sourceTables);
    } catch (IOException e) {
      throw new WarehouseException(
          "Cannot read methodology file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The files of the jar's (or the build's classes folder's) {@code methodologies/}. */
  private static List<Entry> shipped(Set<String> sourceTables) {
    URL url = Methodologies.class.getResource("/" + SHIPPED_FOLDER);
    if (url == null) {
      throw new IllegalStateException(SHIPPED_FOLDER + "/ is missing from the jar");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return read(yamlFiles(Path.of(uri)), sourceTables);
      }
      FileSystem fs;
      boolean opened = false;
      try {
        fs = FileSystems.newFileSystem(uri, Map.of());
        opened = true;
      } catch (FileSystemAlreadyExistsException e) {
        fs = FileSystems.getFileSystem(uri);
      }
      try {
        return read(yamlFiles(fs.getPath("/" + SHIPPED_FOLDER)), sourceTables);
      } finally {
        if (opened) {
          fs.close();
        }
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list the shipped methodologies at " + url, e);
    }
  }

  private static List<Entry> read(List<Path> files, Set<String> sourceTables) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Path f : files) {
      String origin = SHIPPED_FOLDER + "/" + f.getFileName();
      out.add(
          new Entry(
              MethodologyParser.parse(
                  origin, Files.readString(f, StandardCharsets.UTF_8), sourceTables),
              "jar:" + origin));
    }
    return out;
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
              })
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new WarehouseException("Cannot list methodology folder " + dir + ": " + e, e);
    }
  }
}
