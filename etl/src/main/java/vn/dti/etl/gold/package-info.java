/**
 * Gold facts at unit × day, partitioned by month and recomputed only for the months that changed;
 * the tables the scoring engine reads.
 */
package vn.dti.etl.gold;
