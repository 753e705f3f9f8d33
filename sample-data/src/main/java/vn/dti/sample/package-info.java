/**
 * Source extracts for trying the warehouse: the deterministic generator of the committed sample and
 * access to that sample from the classpath.
 */
package vn.dti.sample;
