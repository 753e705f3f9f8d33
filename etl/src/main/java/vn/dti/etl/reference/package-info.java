/** Loading of reference data (administrative units and agencies) into the unit dimension. */
package vn.dti.etl.reference;
