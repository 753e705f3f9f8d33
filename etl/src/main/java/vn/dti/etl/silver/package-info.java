/**
 * Silver transformations: one source entity each, typed with total (never-throwing) conversions,
 * conformed, deduplicated and pseudonymised; every record that cannot be accepted goes to
 * quarantine with a reason code.
 */
package vn.dti.etl.silver;
