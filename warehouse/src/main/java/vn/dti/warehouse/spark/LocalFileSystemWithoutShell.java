package vn.dti.warehouse.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:} paths) without its shell commands. Without Hadoop's
 * native library, the stock one starts a {@code chmod} process for every file and folder it creates
 * with a permission, and a {@code readlink} process for every status {@code FileContext} asks for,
 * which Delta does twice or more for every log file it writes: some 1,250 processes in one nightly
 * run at scale factor 1, each about 10 ms from a JVM of a few gigabytes. Here the permission is set
 * and the link checked with the JDK's file API, with the same result; anything the JDK cannot
 * express (a sticky bit, a file system without POSIX permissions) still goes the stock way.
 *
 * <p>Configured for the {@code file} scheme by {@code spark.hadoop.fs.file.impl} (this class) and
 * {@code spark.hadoop.fs.AbstractFileSystem.file.impl} ({@link Fs}); other schemes are untouched.
 */
public final class LocalFileSystemWithoutShell extends LocalFileSystem {
  public LocalFileSystemWithoutShell() {
    super(new Raw());
  }

  /** The raw (checksum-less) local file system with the JDK's chmod and link check. */
  public static final class Raw extends RawLocalFileSystem {
    private static final boolean POSIX =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      short mode = permission.toShort();
      if (!POSIX || (mode & ~0777) != 0) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(mode));
    }

    /**
     * A path that is not a link has its plain status without asking {@code readlink} (which is all
     * the stock implementation does for it, a process later); a link is left to the stock
     * implementation as it is.
     */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }

    /** The nine permission bits of {@code mode}, as {@code FsPermission} spells them. */
    static Set<PosixFilePermission> posix(short mode) {
      return PosixFilePermissions.fromString(new FsPermission(mode).toString());
    }
  }

  /** The same for {@code FileContext} (which Delta's log store and Spark's checkpoints use). */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** {@code org.apache.hadoop.fs.local.RawLocalFs} over {@link Raw}. */
  static final class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1; // file:/// has no port
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }
}
