package vn.dti.etl.silver;

/**
 * Why a record was quarantined. Checks run in this order and a record gets the first that fails;
 * docs/QUALITY.md explains each with an example and what to do about it.
 */
public enum ReasonCode {
  /** The line is not a JSON object. */
  MALFORMED_JSON,
  /** The business key (MaHoSo) is absent or blank. */
  MISSING_KEY,
  /** A field the record cannot be used without is absent. */
  MISSING_FIELD,
  /** A date field holds something that is not a valid date in a known format (e.g. 2024-02-30). */
  INVALID_DATE,
  /** An event date (submission, receipt, completion, return, update) after the extract's day. */
  FUTURE_DATE,
  /** An amount that is not a positive whole number of dong (0, negative, or unreadable). */
  INVALID_AMOUNT,
  /** A coded field holds a value outside its code list (e.g. TrangThaiHoSo 11). */
  INVALID_CODE,
  /** The processing agency is not in the unit dimension on the record's date. */
  UNKNOWN_UNIT,
  /**
   * Two different records of one dossier in one file claim the same update time; both are held back
   * and the stored version stands.
   */
  CONFLICTING_DUPLICATE,
  /** A workbook whose layout is not the form's (a header cell differs); the whole file is held. */
  WRONG_LAYOUT
}
