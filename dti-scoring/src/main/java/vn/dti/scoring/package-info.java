/**
 * The scoring engine: indicator values, scores, rankings and the committee's reports, computed from
 * gold tables.
 */
package vn.dti.scoring;
