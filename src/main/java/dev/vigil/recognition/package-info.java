/**
 * Recognition: the in-memory embedding index, 1:N identification and 1:1 verification, and the PASS / REJECT /
 * UNKNOWN decision rules.
 */
package dev.vigil.recognition;
