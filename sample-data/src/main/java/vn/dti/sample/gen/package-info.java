/**
 * The generator of realistic source extracts: portal dossiers and feedback, document-management
 * records, payment reconciliations and self-assessment forms, at any scale, deterministic for a
 * seed, with defects injected at a configurable rate and listed in a ground-truth manifest.
 */
package vn.dti.sample.gen;
