/**
 * Accuracy on labeled faces: LFW-style pair lists, identity folders, and the verification statistics (10-fold
 * accuracy, TAR at FAR) that calibrate Vigil's thresholds.
 */
package dev.vigil.eval;
