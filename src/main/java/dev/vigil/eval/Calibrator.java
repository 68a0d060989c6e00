package dev.vigil.eval;

/**
 * Proposes the accept threshold and the reject floor from measurements. Accept must hold two limits: at most
 * {@code targetFar} of impostor pairs above it, and at most {@code maxStrangerPass} of never-enrolled probes PASSed
 * against the largest gallery measured (with thousands enrolled, the nearest stranger is much closer than a random
 * one). The reject floor lets 1% of impostor pairs above it. Both are rounded outward to 0.01, so a config file
 * states them exactly.
 */
public final class Calibrator {
    public static final double REJECT_FLOOR_FAR = 1e-2;

    private Calibrator() {
    }

    /**
     * @param acceptForFar      threshold at the target FAR on impostor pairs
     * @param acceptForStrangers threshold at the stranger PASS limit in the largest gallery
     */
    public record Proposal(double accept, double rejectFloor, double targetFar, double acceptForFar,
                           double maxStrangerPass, double acceptForStrangers, int galleryIdentities) {
    }

    public static Proposal propose(VerificationResult verification, OpenSet.Result largestGallery, double targetFar,
                                   double maxStrangerPass) {
        double[] impostor = verification.pairs().impostor();
        if (!Verification.canMeasureFar(impostor.length, targetFar)) {
            throw new IllegalArgumentException("cannot calibrate for FAR " + targetFar + ": only " + impostor.length
                    + " impostor pairs (needs " + (long) Math.ceil(1 / targetFar) + ")");
        }
        double forFar = Verification.thresholdAtFar(impostor, targetFar);
        double forStrangers = largestGallery.thresholdForStrangerRate(maxStrangerPass);
        double accept = Math.min(1, Math.ceil(Math.max(forFar, forStrangers) * 100 - 1e-9) / 100);
        double floor = Math.max(0, Math.floor(Verification.thresholdAtFar(impostor, REJECT_FLOOR_FAR) * 100 + 1e-9) / 100);
        return new Proposal(accept, Math.min(floor, accept), targetFar, forFar, maxStrangerPass, forStrangers,
                largestGallery.galleryIdentities());
    }
}
