package vn.dti.sample.gen;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ground truth of injected defects, {@code manifest.csv}: one row per defect naming the file,
 * the line (or row), the record's key, the defect, the field and what the ETL is expected to do
 * with it.
 */
final class Manifest implements Closeable {
  static final String HEADER = "defect_id,source,file,line,record_key,defect,field,expected";
  private final BufferedWriter out;
  private long next = 1;
  private long count;

  Manifest(Path file) throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write(HEADER);
    out.write('\n');
  }

  void add(String source, String file, long line, String key, Defect defect, String field)
      throws IOException {
    out.write(Csv.row(next++, source, file, line, key, defect.name(), field, defect.expected));
    out.write('\n');
    count++;
  }

  long count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
