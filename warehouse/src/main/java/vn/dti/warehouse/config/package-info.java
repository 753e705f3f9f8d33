/**
 * The product's configuration: one file ({@code dti.conf}) with embedded defaults, every key
 * overridable by an environment variable and by a command-line flag; secrets only from the
 * environment or a key file.
 */
package vn.dti.warehouse.config;
