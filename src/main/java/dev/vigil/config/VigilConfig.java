package dev.vigil.config;

import java.nio.file.Path;

/** The whole configuration. Every field has a default ({@link #defaults()}); unknown keys in a file are refused. */
public record VigilConfig(Server server, Engine engine, Recognition recognition, Enrollment enrollment,
                          Database database) {

    /**
     * @param host           address to bind; loopback by default, so a fresh install is not reachable from the network
     * @param port           HTTP port
     * @param data           directory for the SQLite database and other state
     * @param maxUploadBytes largest accepted image upload (a 24 MP JPEG is about 10 MB)
     * @param maxZipBytes    largest accepted ZIP upload, and the most its entries may inflate to in total
     * @param maxZipEntries  most entries in one ZIP (a ZIP bomb may hold millions of tiny ones)
     */
    public record Server(String host, int port, Path data, long maxUploadBytes, long maxZipBytes, int maxZipEntries) {
        public Server {
            require(port >= 0 && port <= 65535, "server.port must be 0..65535");
            require(host != null && !host.isBlank(), "server.host must not be empty");
            require(data != null, "server.data must be set");
            require(maxUploadBytes >= 1024, "server.maxUploadBytes must be at least 1024");
            require(maxZipBytes >= 1024, "server.maxZipBytes must be at least 1024");
            require(maxZipEntries >= 1, "server.maxZipEntries must be at least 1");
        }
    }

    /**
     * @param models          model cache directory; empty means $VIGIL_MODELS or ~/.cache/vigil/models
     * @param threads         ONNX Runtime threads per inference; requests already run in parallel, so 1 is best
     * @param detectThreshold detector confidence to keep a face
     * @param maxImageSide    images are downscaled to this longest side once, on decode
     * @param maxImagePixels  images with more pixels than this are refused before decoding
     */
    public record Engine(String models, int threads, float detectThreshold, int maxImageSide, long maxImagePixels) {
        public Engine {
            require(threads >= 1 && threads <= 64, "engine.threads must be 1..64");
            require(detectThreshold > 0 && detectThreshold < 1, "engine.detectThreshold must be in (0,1)");
            require(maxImageSide >= 320, "engine.maxImageSide must be at least 320");
            require(maxImagePixels >= 320 * 240, "engine.maxImagePixels is too small");
        }
    }

    /**
     * Cosine-similarity thresholds. Measured with the shipped model on LFW's 6000 pairs (../shared/faces/lfw,
     * 5-point alignment): 0.26 maximises 10-fold accuracy (99.27%); at 0.35 the false accept rate is about 0.1% with
     * 98% of genuine pairs still accepted. A PASS must be safe against strangers, so accept = 0.35; below 0.22 a face
     * is too far from everyone to name even as a rejected candidate.
     *
     * @param accept      PASS at or above this similarity
     * @param rejectFloor REJECT (nearest known, not accepted) between this and accept; UNKNOWN below
     * @param candidates  how many subjects identify lists per face
     */
    public record Recognition(float accept, float rejectFloor, int candidates) {
        public Recognition {
            require(rejectFloor >= 0 && rejectFloor <= accept && accept <= 1,
                    "recognition thresholds must satisfy 0 <= rejectFloor <= accept <= 1");
            require(candidates >= 1 && candidates <= 100, "recognition.candidates must be 1..100");
        }
    }

    /** @param minQuality enrolment refuses faces whose combined quality score is below this (0..1) */
    public record Enrollment(float minQuality) {
        public Enrollment {
            require(minQuality >= 0 && minQuality <= 1, "enrollment.minQuality must be in [0,1]");
        }
    }

    /**
     * @param url        empty for the embedded SQLite file in {@code server.data} (one server); a PostgreSQL URL
     *                   ({@code jdbc:postgresql://...} or {@code postgres://...}) for several servers sharing one
     *                   gallery
     * @param poolSize   PostgreSQL connections per server
     * @param pollMillis how often a server reads the change feed even without a NOTIFY: the bound on how late another
     *                   server's change arrives when a notification is lost
     */
    public record Database(String url, int poolSize, int pollMillis) {
        public Database {
            require(url != null, "database.url must not be null (empty means SQLite)");
            require(poolSize >= 1 && poolSize <= 100, "database.poolSize must be 1..100");
            require(pollMillis >= 50 && pollMillis <= 60_000, "database.pollMillis must be 50..60000");
        }
    }

    public static VigilConfig defaults() {
        return new VigilConfig(
                new Server("127.0.0.1", 8080, Path.of("data"), 20L << 20, 1L << 30, 10_000),
                new Engine("", 1, 0.65f, 1920, 50_000_000L),
                new Recognition(0.35f, 0.22f, 5),
                new Enrollment(0.3f),
                new Database("", 8, 1000));
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
