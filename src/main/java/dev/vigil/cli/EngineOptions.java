package dev.vigil.cli;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.FaceEngine;
import dev.vigil.engine.Models;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that loads the face engine. */
final class EngineOptions {
    @Option(names = "--models", paramLabel = "DIR",
            description = "Model cache directory (default: $VIGIL_MODELS or ~/.cache/vigil/models).")
    Path models;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "ONNX Runtime intra-op threads per inference (default: ${DEFAULT-VALUE}).")
    int threads;

    EngineConfig config() {
        EngineConfig d = EngineConfig.defaults();
        return new EngineConfig(models != null ? models : Models.defaultDirectory(), threads, d.detectThreshold(), d.nmsIou());
    }

    FaceEngine open() {
        return FaceEngine.open(config());
    }
}
