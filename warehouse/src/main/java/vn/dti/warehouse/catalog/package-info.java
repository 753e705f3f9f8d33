/**
 * The table catalog: every table's logical name, layer, grain, documented columns, partitioning and
 * keys. The same entry drives the schema check before a write, table creation and the analysts'
 * data dictionary.
 */
package vn.dti.warehouse.catalog;
