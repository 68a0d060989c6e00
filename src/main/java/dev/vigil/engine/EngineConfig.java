package dev.vigil.engine;

import java.nio.file.Path;

/**
 * Face engine settings.
 *
 * @param modelDir        where the verified model files are cached (fetched on first use)
 * @param intraOpThreads  ORT threads per inference; 1 lets callers run requests in parallel instead (MODELS.md)
 * @param detectThreshold detector score to keep a face; 0.65 is the package's own value
 * @param nmsIou          overlap above which the weaker of two boxes is dropped
 */
public record EngineConfig(Path modelDir, int intraOpThreads, float detectThreshold, float nmsIou) {
    public EngineConfig {
        if (intraOpThreads < 1 || intraOpThreads > 64) throw new IllegalArgumentException("intraOpThreads must be 1..64");
        if (detectThreshold <= 0 || detectThreshold >= 1) throw new IllegalArgumentException("detectThreshold must be in (0,1)");
        if (nmsIou <= 0 || nmsIou >= 1) throw new IllegalArgumentException("nmsIou must be in (0,1)");
    }

    public static EngineConfig defaults() {
        return new EngineConfig(Models.defaultDirectory(), 1, 0.65f, 0.4f);
    }

    public EngineConfig withIntraOpThreads(int threads) {
        return new EngineConfig(modelDir, threads, detectThreshold, nmsIou);
    }
}
