/**
 * Why a score changed: each unit's change of total points between two periods, split into the
 * contributions of the nodes it was scored on, which add up exactly to the change.
 */
package vn.dti.scoring.explain;
