/**
 * The {@code dti} command: the nightly run and its steps, publication, reports, the run ledger and
 * read-only queries of the analysts' database.
 */
package vn.dti.cli;
