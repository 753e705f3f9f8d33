/**
 * Methodologies as data: a YAML file per index and year (a tree of nodes with points, leaves fed by
 * metrics or self-assessed inputs through a closed set of rules, overlapping aggregates, targets),
 * parsed into immutable records and validated with the file and line of every problem. The id and
 * SHA-256 of the file's text identify which rules produced a score.
 */
package vn.dti.scoring.methodology;
