/**
 * Bronze ingestion: raw records exactly as received, with lineage columns, appended once per batch;
 * and the batch registry {@code ops.batch} that makes ingestion idempotent.
 */
package vn.dti.etl.bronze;
