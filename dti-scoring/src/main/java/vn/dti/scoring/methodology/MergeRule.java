package vn.dti.scoring.methodology;

/**
 * How a province formed by the July 2025 merger is scored over the periods before it existed
 * ({@code merge_rule} of a methodology file; only for files restated on the 2025 boundaries).
 */
public enum MergeRule {
  /**
   * Its parts' raw counts summed before any rate is taken (the 766 restated history): a merged
   * province's on-time rate is its parts' on-time dossiers over their received dossiers.
   */
  SUM_OF_COUNTS,
  /**
   * The simple average of its parts' main indices (Decision 405/QĐ-BKHCN, DTI 2024 on the 34
   * provinces): each child of the root is the mean of the parts' values, the total their sum.
   */
  AVERAGE_OF_PARTS
}
