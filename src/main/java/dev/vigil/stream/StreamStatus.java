package dev.vigil.stream;

import java.time.Instant;

/**
 * A stream's health at one moment.
 *
 * @param fpsIn         frames decoded per second
 * @param fpsAnalysed   frames analysed per second
 * @param dropped       frames due for analysis that a newer frame replaced before the pool got to them
 * @param reconnects    times the source was reopened after a failure or stall
 * @param lastFrame     when the last frame was decoded, null before the first
 * @param latencyP50Ms  grabbed → decided, median of recent frames (NaN before the first)
 */
public record StreamStatus(StreamState state, String lastError, double fpsIn, double fpsAnalysed, long framesIn,
                           long framesAnalysed, long dropped, long reconnects, Instant lastFrame, double latencyP50Ms,
                           double latencyP95Ms) {
}
