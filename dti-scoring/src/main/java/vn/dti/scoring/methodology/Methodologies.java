package vn.dti.scoring.methodology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.dti.warehouse.WarehouseException;

/**
 * The methodologies shipped in the jar ({@code methodologies/<id>.yaml}) and methodology files an
 * operator keeps outside it.
 */
public final class Methodologies {
  /** The ids of the shipped methodologies. */
  public static final List<String> SHIPPED =
      List.of("qd766", "dti-2022-province", "province-units-monthly");

  private Methodologies() {}

  /**
   * A shipped methodology by id, or a methodology file by path ({@code *.yaml}).
   *
   * @param sourceTables the tables a metric may read (see {@link MethodologyParser#parse})
   * @throws WarehouseException naming the shipped ids when {@code idOrFile} is neither
   */
  public static Methodology load(String idOrFile, java.util.Set<String> sourceTables) {
    if (SHIPPED.contains(idOrFile)) {
      String resource = "/methodologies/" + idOrFile + ".yaml";
      try (InputStream in = Methodologies.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the jar");
        }
        return MethodologyParser.parse(
            "methodologies/" + idOrFile + ".yaml",
            new String(in.readAllBytes(), StandardCharsets.UTF_8),
            sourceTables);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource, e);
      }
    }
    Path file = Path.of(idOrFile);
    if ((idOrFile.endsWith(".yaml") || idOrFile.endsWith(".yml")) && Files.isRegularFile(file)) {
      try {
        return MethodologyParser.parse(
            file.toString(), Files.readString(file, StandardCharsets.UTF_8), sourceTables);
      } catch (IOException e) {
        throw new WarehouseException(
            "Cannot read methodology file " + file + ": " + e.getMessage(), e);
      }
    }
    throw new WarehouseException(
        "Unknown methodology '"
            + idOrFile
            + "': the shipped ones are "
            + String.join(", ", SHIPPED)
            + "; or pass the path of a methodology file (.yaml)");
  }
}
