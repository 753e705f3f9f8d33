/**
 * Methodology identity: which rules produced a score, named and hashed so that every score row can
 * say exactly how it was computed.
 */
package vn.dti.scoring.methodology;
