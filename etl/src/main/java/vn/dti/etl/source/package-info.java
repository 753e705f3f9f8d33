/**
 * Source connectors: discovering the files a source system delivered and identifying each by its
 * content.
 */
package vn.dti.etl.source;
