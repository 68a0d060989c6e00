package dev.vigil.engine;

import java.util.List;

/** The faces found in one image, largest detector score first, and where the time went (milliseconds). */
public record Analysis(List<Face> faces, StageTimes times) {

    /** Milliseconds per stage, summed over faces; {@code total} is the whole analyse call. */
    public record StageTimes(double detect, double landmarks, double align, double embed, double attributes, double total) {
    }
}
