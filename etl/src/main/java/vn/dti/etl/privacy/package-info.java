/**
 * Pseudonymisation of personal data: names, ID numbers, phones and e-mails become keyed
 * HMAC-SHA-256 pseudonyms in silver, so that nothing downstream of bronze holds them in clear text
 * while equal values still join.
 */
package vn.dti.etl.privacy;
