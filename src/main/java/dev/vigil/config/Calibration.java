package dev.vigil.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The recognition thresholds shipped with this release, measured by {@code vigil eval --calibrate --write-resource}
 * and stored in the {@code calibration.json} resource; {@link VigilConfig#defaults()} takes them, config overrides them.
 *
 * @param accept           PASS at or above this similarity
 * @param rejectFloor      REJECT between this and accept, UNKNOWN below
 * @param calibratedOn     the data it was measured on
 * @param report           where the measurements are written up
 * @param command          the command that produced it
 * @param targetFar        the false-accept rate on impostor pairs the accept threshold was chosen for
 * @param maxStrangerPass  the largest never-enrolled PASS rate allowed at the largest gallery measured
 */
public record Calibration(float accept, float rejectFloor, String calibratedOn, String report, String command,
                          double targetFar, double maxStrangerPass) {
    public static final String RESOURCE = "calibration.json";
    private static final Calibration SHIPPED = load();

    public static Calibration shipped() {
        return SHIPPED;
    }

    private static Calibration load() {
        try (InputStream in = Calibration.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, Calibration.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
