package vn.dti.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dti.etl.dms.DmsConnection;
import vn.dti.sample.pg.EmbeddedPostgres;
import vn.dti.warehouse.WarehouseException;

/**
 * {@code dti serve-dms}: a generated document-management export served by an embedded PostgreSQL
 * until stopped, so that runs read it over JDBC as they read the real system (a running server,
 * named by {@code DTI_DMS_URL}) instead of starting and loading a server of their own each time.
 */
@Command(
    name = "serve-dms",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a source folder's document-management export (dms/) from an embedded PostgreSQL until stopped",
      "(Ctrl-C). Prints the DTI_DMS_URL and DTI_DMS_USER that make 'dti nightly' read it as it reads the",
      "real system; without them, each run over that folder starts and loads a server of its own."
    })
final class ServeDmsCommand implements Callable<Integer> {
  @Option(
      names = "--source-dir",
      required = true,
      paramLabel = "DIR",
      description = "Source folder with a dms/ export, as written by 'dti generate'.")
  Path sourceDir;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description =
          "Also write the settings to FILE (shell syntax, for 'source') once the export is loaded; "
              + "deleted when the server stops.")
  Path envFile;

  /** Released to stop serving (tests); a user stops the command with Ctrl-C. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    Path export = sourceDir.resolve("dms");
    if (!Files.isRegularFile(export.resolve("schema.sql"))) {
      throw new WarehouseException(
          sourceDir
              + " has no document-management export (dms/schema.sql is missing); 'dti generate'"
              + " writes one");
    }
    try (EmbeddedPostgres pg = DmsAccess.serve(export)) {
      List<String> settings =
          List.of(
              DmsConnection.URL_ENV + "=" + DmsAccess.jdbcUrl(pg),
              DmsConnection.USER_ENV + "=" + EmbeddedPostgres.USER);
      if (envFile != null) {
        writeAtomically(envFile, settings);
        // Ctrl-C ends the JVM in its shutdown hooks, not here: the file goes with the server.
        Path file = envFile;
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> deleteQuietly(file), "dms-env-file-delete"));
      }
      settings.forEach(System.out::println);
      System.out.println("Serving " + export + " until stopped (Ctrl-C)");
      System.out.flush();
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    } finally {
      if (envFile != null) {
        deleteQuietly(envFile);
      }
    }
  }

  /**
   * Written whole or not at all: a script waiting for the file never reads half of it.
   *
   * @throws WarehouseException naming the file when it cannot be written
   */
  private static void writeAtomically(Path file, List<String> lines) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".dms-env-", ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WarehouseException(
          "Cannot write the settings file "
              + file
              + ": "
              + e.getMessage()
              + "; the server is stopped",
          e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing to do: a stale file names a server that is gone, and the next start replaces it.
    }
  }
}
