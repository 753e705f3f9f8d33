/**
 * Access to the warehouse's tables. Jobs receive a {@link vn.dti.warehouse.table.TableStore} from
 * their caller and never open tables by path themselves; the Delta implementation checks every
 * write against the catalog.
 */
package vn.dti.warehouse.table;
