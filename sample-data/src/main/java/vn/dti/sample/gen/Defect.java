package vn.dti.sample.gen;

/** The kinds of defect the generator injects, with what the ETL is expected to do about each. */
enum Defect {
  MALFORMED_LINE("quarantine:MALFORMED_JSON"),
  MISSING_KEY("quarantine:MISSING_KEY"),
  IMPOSSIBLE_DATE("quarantine:INVALID_DATE"),
  FUTURE_DATE("quarantine:FUTURE_DATE"),
  VN_DATE_FORMAT("repair:parse dd/MM/yyyy"),
  DOTTED_AMOUNT("repair:parse 1.234.000"),
  NON_POSITIVE_AMOUNT("quarantine:INVALID_AMOUNT"),
  UNKNOWN_UNIT("quarantine:UNKNOWN_UNIT"),
  EXACT_DUPLICATE("duplicate:collapsed"),
  CONFLICTING_DUPLICATE("quarantine:CONFLICTING_DUPLICATE"),
  OUT_OF_ORDER("ignore:older than the stored version"),
  NFD_TEXT("repair:normalise to NFC"),
  CODE_WHITESPACE_CASE("repair:trim and upper-case"),
  WRONG_LAYOUT("reject:file");

  final String expected;

  Defect(String expected) {
    this.expected = expected;
  }
}
