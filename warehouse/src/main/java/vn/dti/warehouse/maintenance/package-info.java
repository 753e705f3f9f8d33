/**
 * Table maintenance ({@code dti maintain}): compaction of small files and removal of files that no
 * version inside the retention period uses.
 */
package vn.dti.warehouse.maintenance;
