/** Creation of the Spark session with Delta Lake enabled, embedded or on a cluster. */
package vn.dti.warehouse.spark;
