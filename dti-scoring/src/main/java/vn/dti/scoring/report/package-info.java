/**
 * Reports for the Steering Committee: Excel workbooks in Vietnamese, laid out like the tables they
 * use today.
 */
package vn.dti.scoring.report;
