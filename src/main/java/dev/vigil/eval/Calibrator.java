package dev.vigil.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
        double accept = Math.min(1, round(Math.max(forFar, forStrangers), RoundingMode.CEILING));
        double floor = Math.max(0, round(Verification.thresholdAtFar(impostor, REJECT_FLOOR_FAR), RoundingMode.FLOOR));
        return new Proposal(accept, Math.min(floor, accept), targetFar, forFar, maxStrangerPass, forStrangers,
                largestGallery.galleryIdentities());
    }

    /** Decimal rounding: binary scaling (x * 100) would turn 0.51 into 51.00000000000001 and round it up to 0.52. */
    private static double round(double x, RoundingMode mode) {
        return BigDecimal.valueOf(x).setScale(2, mode).doubleValue();
    }
}
