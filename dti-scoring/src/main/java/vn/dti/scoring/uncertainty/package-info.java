/**
 * How sure a rank is: a Monte-Carlo run that perturbs the methodology's weights and re-ranks the
 * units, giving every unit a median rank and a 5–95 % rank interval. Plain Java over the values a
 * scoring produced; seedable, so a published interval can be regenerated exactly.
 */
package vn.dti.scoring.uncertainty;
