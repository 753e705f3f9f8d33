/**
 * Ranking. {@link vn.dti.scoring.rank.CompetitionRanking} is plain Java over plain values (no
 * Spark); the scorer applies it to every node on the published rounding, and the methodology
 * scoring job writes the ranks of each total and group to {@code gold.ranking}.
 */
package vn.dti.scoring.rank;
