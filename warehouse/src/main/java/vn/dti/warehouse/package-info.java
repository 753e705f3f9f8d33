/**
 * The warehouse foundation shared by every other module: configuration, the Spark session, the
 * table catalog, Delta table access, the run ledger and publication to DuckDB.
 */
package vn.dti.warehouse;
