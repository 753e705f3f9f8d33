package vn.dti.sample.gen;

/** CSV quoting (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled. */
final class Csv {
  private Csv() {}

  static String quote(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static String row(Object... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(fields[i] == null ? null : fields[i].toString()));
    }
    return sb.toString();
  }
}
