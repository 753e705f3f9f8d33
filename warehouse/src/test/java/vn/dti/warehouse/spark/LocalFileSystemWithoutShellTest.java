package vn.dti.warehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.warehouse.testing.SharedSpark;

class LocalFileSystemWithoutShellTest {
  @TempDir Path dir;

  private static Configuration conf() {
    return SharedSpark.spark().sparkContext().hadoopConfiguration();
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void theWarehouseSessionUsesItForLocalPaths() throws Exception {
    assertThat(FileSystem.get(URI.create("file:///"), conf()))
        .isInstanceOf(LocalFileSystemWithoutShell.class);
    assertThat(FileContext.getFileContext(URI.create("file:///"), conf()).getDefaultFileSystem())
        .isInstanceOf(LocalFileSystemWithoutShell.Fs.class);
  }

  @Test
  void permissionBitsMapOneToOne() {
    assertThat(PosixFilePermissions.toString(LocalFileSystemWithoutShell.Raw.posix((short) 0754)))
        .isEqualTo("rwxr-xr--");
    assertThat(PosixFilePermissions.toString(LocalFileSystemWithoutShell.Raw.posix((short) 0640)))
        .isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(LocalFileSystemWithoutShell.Raw.posix((short) 0)))
        .isEqualTo("---------");
  }

  /** Files and folders get the permission asked for, as Hadoop's chmod would have set it. */
  @Test
  void filesAndFoldersGetThePermissionAskedFor() throws IOException {
    FileSystem fs = FileSystem.get(URI.create("file:///"), conf());
    Path file = dir.resolve("a.txt");
    try (var out =
        fs.create(
            hadoop(file), new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.writeBytes("x");
    }
    assertThat(mode(file)).isEqualTo("rw-r-----");
    fs.setPermission(hadoop(file), new FsPermission((short) 0755));
    assertThat(mode(file)).isEqualTo("rwxr-xr-x");
    Path folder = dir.resolve("d");
    assertThat(fs.mkdirs(hadoop(folder), new FsPermission((short) 0750))).isTrue();
    assertThat(mode(folder)).isEqualTo("rwxr-x---");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  /**
   * FileContext's rename (Delta's log store commits with it) keeps a target that exists unless told
   * to overwrite, and a link is seen as a link.
   */
  @Test
  void fileContextRenamesAndReadsStatuses() throws Exception {
    FileContext fc = FileContext.getFileContext(URI.create("file:///"), conf());
    Path a = Files.writeString(dir.resolve("a"), "a");
    Path b = Files.writeString(dir.resolve("b"), "b");
    assertThatThrownBy(() -> fc.rename(hadoop(a), hadoop(b), Options.Rename.NONE))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(b)).isEqualTo("b");
    fc.rename(hadoop(a), hadoop(dir.resolve("c")), Options.Rename.NONE);
    assertThat(Files.exists(a)).isFalse();
    assertThat(Files.readString(dir.resolve("c"))).isEqualTo("a");
    fc.rename(hadoop(dir.resolve("c")), hadoop(b), Options.Rename.OVERWRITE);
    assertThat(Files.readString(b)).isEqualTo("a");

    assertThat(fc.getFileLinkStatus(hadoop(b)).isSymlink()).isFalse();
    assertThat(fc.getFileLinkStatus(hadoop(b)).getLen()).isEqualTo(1);
  }
}
