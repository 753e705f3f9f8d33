/**
 * Indicator computation: numerators and denominators aggregated from gold facts, and the points
 * they earn.
 */
package vn.dti.scoring.indicator;
