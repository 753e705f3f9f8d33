/**
 * Ranking. {@link vn.dti.scoring.rank.CompetitionRanking} is plain Java over plain values (no
 * Spark); the ranking job applies it to {@code gold.indicator_value} and writes {@code
 * gold.ranking}.
 */
package vn.dti.scoring.rank;
