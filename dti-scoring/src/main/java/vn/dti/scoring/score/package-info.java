/**
 * Scoring: a validated methodology evaluated over units' figures (measured ratios, self-assessed
 * values, or node values supplied from outside), giving every node's value, points and competition
 * rank. Plain Java over plain values; the Spark jobs that gather the figures live elsewhere.
 */
package vn.dti.scoring.score;
