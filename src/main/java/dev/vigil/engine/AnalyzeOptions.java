package dev.vigil.engine;

/**
 * What to compute for each face beyond box and landmarks; each part costs model time.
 *
 * @param embedding  align and embed (fr_feature), with sharpness, brightness and size
 * @param attributes pose (fr_pose), liveness (fr_liveness) and eye state (fr_eye)
 * @param crop       JPEG of the aligned crop, for storage with a template
 */
public record AnalyzeOptions(boolean embedding, boolean attributes, boolean crop) {
    public static final AnalyzeOptions DETECT_ONLY = new AnalyzeOptions(false, false, false);
    public static final AnalyzeOptions EMBED = new AnalyzeOptions(true, false, false);
    public static final AnalyzeOptions FULL = new AnalyzeOptions(true, true, false);
    public static final AnalyzeOptions ENROLL = new AnalyzeOptions(true, true, true);
}
