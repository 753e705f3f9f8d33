/**
 * The ETL: source connectors, bronze ingestion, silver and gold transformations, quarantine and
 * pseudonymisation. It meets the scoring engine only in gold tables.
 */
package vn.dti.etl;
