/**
 * Quality rules declared as data ({@code quality/rules.yaml}): each names a silver table, a SQL
 * predicate that a bad record satisfies, and a severity. Rules that reject send the record to
 * quarantine with the rule's code; rules that warn are counted. Every evaluation, per batch and
 * rule, lands in {@code ops.quality_result}.
 */
package vn.dti.etl.quality;
