/**
 * The effective-dated unit dimension ({@code silver.unit}, {@code gold.dim_unit}): the 63 provinces
 * until 2025-07-01, the 34 provinces from then on, the mapping between them, and the agencies
 * inside each province.
 */
package vn.dti.warehouse.unit;
