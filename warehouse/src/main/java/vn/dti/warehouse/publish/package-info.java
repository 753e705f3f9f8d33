/**
 * Publication of the gold tables to the analysts' DuckDB file: one consistent snapshot (one Delta
 * version per table, recorded in {@code ops.publication}), swapped in atomically, and read access
 * to it through Jdbi.
 */
package vn.dti.warehouse.publish;
