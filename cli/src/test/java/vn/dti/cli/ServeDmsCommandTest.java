package vn.dti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.sample.SampleSource;
import vn.dti.warehouse.WarehouseException;

class ServeDmsCommandTest {
  @TempDir Path dir;

  @Test
  void servesTheExportUntilStoppedAndWritesTheSettingsANightlyRunReads() throws Exception {
    Path source = SampleSource.extractTo(dir.resolve("source"));
    ServeDmsCommand command = new ServeDmsCommand();
    command.sourceDir = source;
    command.envFile = dir.resolve("run/dms.env");
    CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(command::call);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(command.envFile) && !serving.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(command.envFile).as("the settings file, once the export is loaded").exists();
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(command.envFile, StandardCharsets.UTF_8)) {
      String[] kv = line.split("=", 2);
      env.put(kv[0], kv[1]);
    }
    assertThat(env).containsOnlyKeys("DTI_DMS_URL", "DTI_DMS_USER");
    assertThat(env.get("DTI_DMS_URL")).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/qlvb");
    // What a run reads through these settings: every row of the export, counted from the CSV
    // files' lines (one per record after the header; the sample's texts hold no line breaks).
    try (Connection c =
        DriverManager.getConnection(env.get("DTI_DMS_URL"), env.get("DTI_DMS_USER"), "")) {
      for (String table : List.of("van_ban_di", "van_ban_den", "co_quan")) {
        long lines;
        try (var l = Files.lines(source.resolve("dms/csv/" + table + ".csv"))) {
          lines = l.count();
        }
        assertThat(count(c, "qlvb." + table)).as(table).isEqualTo(lines - 1);
      }
    }
    command.stop.countDown();
    assertThat(serving.get(1, TimeUnit.MINUTES)).isZero();
    assertThat(command.envFile).as("deleted with the server").doesNotExist();
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(env.get("DTI_DMS_URL"), env.get("DTI_DMS_USER"), "")
                    .close())
        .as("the server is stopped")
        .isInstanceOf(SQLException.class);
  }

  @Test
  void aFolderWithoutAnExportIsRefusedWithItsName() {
    ServeDmsCommand command = new ServeDmsCommand();
    command.sourceDir = dir;
    assertThatThrownBy(command::call)
        .isInstanceOf(WarehouseException.class)
        .hasMessage(
            dir
                + " has no document-management export (dms/schema.sql is missing); 'dti generate'"
                + " writes one");
  }

  @Test
  void aSettingsFileThatCannotBeWrittenIsNamedAndTheServerStopped() throws Exception {
    Path source = SampleSource.extractTo(dir.resolve("source"));
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    ServeDmsCommand command = new ServeDmsCommand();
    command.sourceDir = source;
    command.envFile = notADirectory.resolve("dms.env");
    assertThatThrownBy(command::call)
        .isInstanceOf(WarehouseException.class)
        .hasMessageStartingWith("Cannot write the settings file " + command.envFile + ": ")
        .hasMessageEndingWith("; the server is stopped");
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
