/**
 * Running steps and accounting for them: the context a job receives, the counts it reports, the run
 * ledger ({@code ops.job_run}) and the reconciliation check that fails a run whose counts do not
 * add up.
 */
package vn.dti.warehouse.job;
