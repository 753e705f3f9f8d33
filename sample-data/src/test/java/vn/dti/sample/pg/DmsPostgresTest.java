package vn.dti.sample.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dti.sample.gen.SourceGenerator;

/** The generated document-management extract loads into a real PostgreSQL server. */
class DmsPostgresTest {
  @TempDir static Path work;
  private static EmbeddedPostgres pg;
  private static Path source;
  private static SourceGenerator.Summary summary;

  @BeforeAll
  static void startServerAndGenerate() throws Exception {
    pg = EmbeddedPostgres.startTemporary();
    source = work.resolve("source");
    summary =
        SourceGenerator.generate(
            new SourceGenerator.Spec(0.01, 2024, 2024, 7, 0.02, List.of("70"), 0.5, 6, true),
            source,
            s -> {});
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void everyExportedRowLoadsAndTheSchemaEnforcesNumberingPerAgencyAndYear() throws Exception {
    pg.createDatabase("qlvb_load");
    try (Connection c = pg.connect("qlvb_load")) {
      Map<String, Long> loaded = DmsLoader.load(c, source.resolve("dms"));
      assertThat(loaded.keySet())
          .containsExactly("qlvb.co_quan", "qlvb.van_ban_di", "qlvb.van_ban_den");
      for (var e : loaded.entrySet()) {
        String csv = "csv/" + e.getKey().substring(5) + ".csv";
        long lines = Files.readAllLines(source.resolve("dms").resolve(csv)).size() - 1;
        assertThat(e.getValue()).as(csv).isEqualTo(lines).isPositive();
        assertThat(count(c, "select count(*) from " + e.getKey())).isEqualTo(lines);
      }
      assertThat(loaded.get("qlvb.van_ban_di") + loaded.get("qlvb.van_ban_den"))
          .isEqualTo(summary.documents());
      // Text survives the round trip as UTF-8 (Vietnamese subjects, typed columns parsed).
      assertThat(
              count(
                  c,
                  "select count(*) from qlvb.van_ban_di where trich_yeu like '%chuyển đổi số%'"
                      + " and da_ky_so and thoi_gian_ky_so is not null"))
          .isPositive();
      // The unique (agency, year, number + notation) constraint is real: a second copy is refused.
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(
                () ->
                    s.execute(
                        "insert into qlvb.van_ban_di select id + 10000000, ma_co_quan, so, ky_hieu,"
                            + " so_ky_hieu, nam, ngay_ban_hanh, loai_van_ban, trich_yeu, nguoi_ky,"
                            + " da_ky_so, thoi_gian_ky_so, do_khan, do_mat, gui_truc_lien_thong,"
                            + " xu_ly_tren_he_thong, ngay_cap_nhat from qlvb.van_ban_di limit 1"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("unique");
      }
    }
  }

  @Test
  void aFailedLoadLeavesNothingBehindAndNamesTheProblem() throws Exception {
    pg.createDatabase("qlvb_bad");
    Path broken = work.resolve("broken-dms");
    Files.createDirectories(broken.resolve("csv"));
    Files.copy(source.resolve("dms/schema.sql"), broken.resolve("schema.sql"));
    Files.copy(source.resolve("dms/load.sql"), broken.resolve("load.sql"));
    Files.copy(source.resolve("dms/csv/co_quan.csv"), broken.resolve("csv/co_quan.csv"));
    List<String> outgoing = Files.readAllLines(source.resolve("dms/csv/van_ban_di.csv"));
    Files.write(
        broken.resolve("csv/van_ban_di.csv"),
        List.of(outgoing.get(0), outgoing.get(1), outgoing.get(1)));
    Files.copy(source.resolve("dms/csv/van_ban_den.csv"), broken.resolve("csv/van_ban_den.csv"));
    try (Connection c = pg.connect("qlvb_bad")) {
      assertThatThrownBy(() -> DmsLoader.load(c, broken))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("duplicate key");
      assertThat(count(c, "select count(*) from pg_tables where schemaname = 'qlvb'")).isZero();
    }
  }

  @Test
  void theServerIsRealPostgresql() throws Exception {
    try (Connection c = pg.connect("postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show server_version")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("17.");
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
