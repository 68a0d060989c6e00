package dev.vigil.config;

import java.nio.file.Path;
import java.util.Set;
import java.util.List;

/** The whole configuration. Every field has a default ({@link #defaults()}); unknown keys in a file are refused. */
public record VigilConfig(Server server, Engine engine, Recognition recognition, Enrollment enrollment, Access access,
                          Streams streams, Events events, Webhooks webhooks, Mqtt mqtt, Database database,
                          Learning learning, Nodes nodes) {

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
     * Cosine-similarity thresholds. The defaults are the shipped {@link Calibration} (measured on ../shared/faces by
     * {@code vigil eval --calibrate}, written up in docs/ACCURACY.md): accept keeps strangers PASSed at most 1 in 1000
     * impostor comparisons and at most 1% against the largest gallery measured; below the reject floor a face is
     * further from the nearest subject than 99% of strangers are, so naming them, even as rejected, says nothing.
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

    /**
     * @param apiKey              bootstrap admin key ({@code VIGIL_API_KEY}); empty for none. Without any key the
     *                            server only listens on loopback
     * @param identifyPerSecond   sustained identify/verify requests per second per key (or per address without keys)
     * @param identifyBurst       identify/verify requests allowed at once above that rate
     * @param failedAuthPerMinute failed authentications per address per minute before it gets 429
     * @param sessionHours        how long a dashboard login lasts
     */
    public record Access(String apiKey, double identifyPerSecond, int identifyBurst, int failedAuthPerMinute,
                         int sessionHours) {
        public Access {
            require(apiKey != null, "access.apiKey must not be null (use an empty string for none)");
            require(identifyPerSecond > 0, "access.identifyPerSecond must be positive");
            require(identifyBurst >= 1, "access.identifyBurst must be at least 1");
            require(failedAuthPerMinute >= 1, "access.failedAuthPerMinute must be at least 1");
            require(sessionHours >= 1 && sessionHours <= 24 * 30, "access.sessionHours must be 1..720");
        }

        /** The key is a secret: keep it out of logs and config dumps. */
        @Override
        public String toString() {
            return "Access[apiKey=" + (apiKey.isEmpty() ? "none" : "***") + ", identifyPerSecond=" + identifyPerSecond
                    + ", identifyBurst=" + identifyBurst + ", failedAuthPerMinute=" + failedAuthPerMinute
                    + ", sessionHours=" + sessionHours + "]";
        }
    }

    /**
     * Live video. Tracks and votes are counted in analysed frames, so at the default 5 fps a track survives 2 s unseen
     * and is named after 0.6 s of agreeing frames.
     *
     * @param analysisThreads   threads of the analysis pool shared by all streams; 0 means one per core
     * @param stallSeconds      a source with no frame for this long is reopened
     * @param backoffMinSeconds first wait before reopening a failed source; doubles per failure, with jitter
     * @param backoffMaxSeconds longest wait between reopen attempts
     * @param trackMaxMisses    analysed frames a track may go unseen before it ends
     * @param trackMinIou       box overlap that links a face to a track when the embeddings roughly agree
     * @param trackMinSimilarity embedding cosine that links a face to a track wherever it moved
     * @param voteMinFrames     frames a track needs before it is named (or decided unknown)
     * @param voteMinShare      share of the recent frames that must agree on a name
     * @param voteWindow        recent frames the vote looks at; a named track changes name only when this window turns
     * @param cooldownSeconds   a PASS for the same person on the same stream is not repeated within this time
     * @param jpegQuality       quality of the annotated MJPEG view, 1..100
     * @param sources           streams started at boot (stored and kept in step by name, like streams added by the API)
     * @param leaseSeconds      servers sharing PostgreSQL: a stream's lease lasts this long and is renewed every third
     *                          of it, so a dead server's streams are taken over within about 4/3 of it
     */
    public record Streams(int analysisThreads, double stallSeconds, double backoffMinSeconds, double backoffMaxSeconds,
                          int trackMaxMisses, float trackMinIou, float trackMinSimilarity, int voteMinFrames,
                          float voteMinShare, int voteWindow, double cooldownSeconds, int jpegQuality,
                          java.util.List<Source> sources, int leaseSeconds) {
        public Streams {
            require(analysisThreads >= 0 && analysisThreads <= 256, "streams.analysisThreads must be 0..256");
            require(stallSeconds >= 0.5 && stallSeconds <= 600, "streams.stallSeconds must be 0.5..600");
            require(backoffMinSeconds >= 0.05 && backoffMinSeconds <= backoffMaxSeconds && backoffMaxSeconds <= 3600,
                    "streams backoff must satisfy 0.05 <= backoffMinSeconds <= backoffMaxSeconds <= 3600");
            require(trackMaxMisses >= 0 && trackMaxMisses <= 1000, "streams.trackMaxMisses must be 0..1000");
            require(trackMinIou > 0 && trackMinIou <= 1, "streams.trackMinIou must be in (0,1]");
            require(trackMinSimilarity > 0 && trackMinSimilarity <= 1, "streams.trackMinSimilarity must be in (0,1]");
            require(voteMinFrames >= 1 && voteMinFrames <= voteWindow, "streams.voteMinFrames must be 1..voteWindow");
            require(voteMinShare > 0.5 && voteMinShare <= 1, "streams.voteMinShare must be in (0.5,1]");
            require(voteWindow >= 1 && voteWindow <= 1000, "streams.voteWindow must be 1..1000");
            require(cooldownSeconds >= 0 && cooldownSeconds <= 86_400, "streams.cooldownSeconds must be 0..86400");
            require(jpegQuality >= 1 && jpegQuality <= 100, "streams.jpegQuality must be 1..100");
            sources = sources == null ? java.util.List.of() : java.util.List.copyOf(sources);
            require(leaseSeconds >= 3 && leaseSeconds <= 600, "streams.leaseSeconds must be 3..600");
        }

        public Streams withSources(java.util.List<Source> s) {
            return new Streams(analysisThreads, stallSeconds, backoffMinSeconds, backoffMaxSeconds, trackMaxMisses, trackMinIou,
                    trackMinSimilarity, voteMinFrames, voteMinShare, voteWindow, cooldownSeconds, jpegQuality, s, leaseSeconds);
        }
    }

    /**
     * A stream from the config file; omitted fields take the same defaults as {@code POST /api/v1/streams}.
     *
     * @param url       rtsp://, http(s):// (MJPEG), /dev/videoN (V4L2) or a video file path
     * @param fps       frames analysed per second at most
     * @param scale     frames are resized by this factor before analysis (0 &lt; scale &lt;= 1)
     * @param loop      files only: start again at the end
     * @param transport RTSP only: "tcp" or "udp"
     */
    public record Source(String name, String url, Double fps, Double scale, Boolean loop, String transport, Boolean enabled) {
        public Source {
            require(name != null && !name.isBlank(), "streams.sources[].name must be set");
            require(url != null && !url.isBlank(), "streams.sources[].url must be set");
        }
    }

    /**
     * The event log and the WebSocket feed.
     *
     * @param retentionDays         events and their snapshots older than this are deleted
     * @param retentionMaxEvents    at most this many events are kept; the oldest go first
     * @param retentionCheckSeconds how often retention runs; 0 runs it after every write (tests)
     * @param snapshots             keep a JPEG of each decided face on disk, next to its event
     * @param queue                 events waiting to be written; a burst beyond this is dropped and counted, never waited on
     * @param feedClientQueue       WebSocket messages waiting per client; a client further behind skips messages
     */
    public record Events(int retentionDays, long retentionMaxEvents, int retentionCheckSeconds, boolean snapshots,
                         int queue, int feedClientQueue) {
        public Events {
            require(retentionDays >= 1, "events.retentionDays must be at least 1");
            require(retentionMaxEvents >= 1, "events.retentionMaxEvents must be at least 1");
            require(retentionCheckSeconds >= 0, "events.retentionCheckSeconds must not be negative");
            require(queue >= 16, "events.queue must be at least 16");
            require(feedClientQueue >= 1 && feedClientQueue <= 1000, "events.feedClientQueue must be 1..1000");
        }
    }

    /**
     * Webhook delivery. A failed attempt is retried after {@code retryInitialMs}, doubling up to {@code retryMaxMs},
     * until {@code giveUpHours} after the event; the outbox is in the database, so restarts lose nothing.
     *
     * @param targets         webhooks from the config file; more can be added over the API
     * @param cooldownSeconds per-person cooldown of a target that does not set its own (seed 000: 5 s)
     * @param timeoutMs       one attempt's timeout
     * @param retryInitialMs  wait after the first failure
     * @param retryMaxMs      longest wait between attempts
     * @param giveUpHours     a delivery still failing this long after its event is marked failed
     */
    public record Webhooks(List<Target> targets, int cooldownSeconds, int timeoutMs, long retryInitialMs, long retryMaxMs,
                           int giveUpHours) {
        public Webhooks {
            targets = targets == null ? List.of() : List.copyOf(targets);
            require(cooldownSeconds >= 0, "webhooks.cooldownSeconds must not be negative");
            require(timeoutMs >= 100, "webhooks.timeoutMs must be at least 100");
            require(retryInitialMs >= 1 && retryInitialMs <= retryMaxMs, "webhooks need 1 <= retryInitialMs <= retryMaxMs");
            require(giveUpHours >= 1, "webhooks.giveUpHours must be at least 1");
        }

        /**
         * @param url             http(s) URL that receives a POST per event
         * @param secret          HMAC-SHA256 key of the X-Vigil-Signature header
         * @param events          decisions sent (PASS, REJECT, UNKNOWN, INTRUDER); PASS only when absent
         * @param cooldownSeconds per-person cooldown; {@link Webhooks#cooldownSeconds} when absent
         */
        public record Target(String url, String secret, List<String> events, Integer cooldownSeconds) {
            public Target {
                require(url != null && (url.startsWith("http://") || url.startsWith("https://")),
                        "webhooks.targets[].url must be an http:// or https:// URL");
                require(secret != null && !secret.isBlank(), "webhooks.targets[].secret must not be empty");
                events = events == null || events.isEmpty() ? List.of("PASS") : List.copyOf(events);
                require(Set.of("PASS", "REJECT", "UNKNOWN", "INTRUDER").containsAll(events),
                        "webhooks.targets[].events may hold only PASS, REJECT, UNKNOWN and INTRUDER");
                require(cooldownSeconds == null || cooldownSeconds >= 0, "webhooks.targets[].cooldownSeconds must not be negative");
            }
        }
    }

    /**
     * MQTT publishing: every event on {@code <topicPrefix>/<stream>/events}, retained presence per subject on
     * {@code <topicPrefix>/presence/<subject>}, and {@code <topicPrefix>/status} online/offline.
     *
     * @param broker      e.g. {@code tcp://127.0.0.1:1883}; empty disables MQTT
     * @param qos         0, 1 or 2
     * @param topicPrefix first topic level
     * @param clientId    MQTT client id; must be unique on the broker
     * @param username    empty for none
     * @param password    empty for none
     * @param queue       messages waiting while the broker is slow or away; older ones are dropped beyond this
     */
    public record Mqtt(String broker, int qos, String topicPrefix, String clientId, String username, String password,
                       int queue) {
        public Mqtt {
            require(broker != null, "mqtt.broker must be set (empty disables MQTT)");
            require(qos >= 0 && qos <= 2, "mqtt.qos must be 0, 1 or 2");
            require(topicPrefix != null && !topicPrefix.isBlank() && !topicPrefix.matches(".*[#+].*"),
                    "mqtt.topicPrefix must be a non-empty topic without wildcards");
            require(clientId != null && !clientId.isBlank(), "mqtt.clientId must not be empty");
            require(queue >= 1, "mqtt.queue must be at least 1");
        }

        public boolean enabled() {
            return !broker.isBlank();
        }
    }

    /**
     * Liveness and a gallery that learns (seed 003) and intruder alerts (seed 001). Off by default: it stores faces of
     * people nobody enrolled, which an operator must choose to do. Times are in seconds.
     *
     * @param enabled            stream frames get eye, pose and passive-liveness analysis, tracks a blink check, and
     *                           unknown live tracks become auto-profiles
     * @param blinkWindowSeconds a blink is the eyes' aspect ratio rising from "closed" to "open" within this time
     * @param blinkClosedRatio   "closed" is at most this fraction of the later "open" eye aspect ratio
     * @param minBlinks          blinks a track needs to be live
     * @param passiveFloor       mean passive liveness (fr_liveness) a track needs to be live
     * @param minFaces           good-quality faces a live unknown track needs to become an auto-profile
     * @param minQuality         quality a face needs to count as good, to be learned, or to stay a template
     * @param maxTemplates       templates a subject keeps at most: the best by quality
     * @param agreementFloor     a face is learned into a subject only if its mean similarity to the subject's
     *                           templates is at least this, so a wrong match never poisons a profile
     * @param learnManual        also learn from live PASS tracks of subjects an operator enrolled
     * @param pruneGraceSeconds  an auto-profile this old with fewer than {@code pruneMinSightings} sightings is deleted
     * @param pruneMinSightings  sightings (tracks) an auto-profile needs to survive its grace period
     * @param pruneEverySeconds  how often the prune job runs
     * @param intruderSightings  an unknown seen this many times within the window raises an INTRUDER event; 0 disables
     * @param intruderWindowSeconds the window of those sightings
     * @param negativeExamples   operator "not this person" marks lower that subject's score for similar faces
     */
    public record Learning(boolean enabled, double blinkWindowSeconds, float blinkClosedRatio, int minBlinks,
                           float passiveFloor, int minFaces, float minQuality, int maxTemplates, float agreementFloor,
                           boolean learnManual, long pruneGraceSeconds, int pruneMinSightings, long pruneEverySeconds,
                           int intruderSightings, long intruderWindowSeconds, boolean negativeExamples) {
        public Learning {
            require(blinkWindowSeconds > 0 && blinkWindowSeconds <= 60, "learning.blinkWindowSeconds must be in (0,60]");
            require(blinkClosedRatio > 0 && blinkClosedRatio < 1, "learning.blinkClosedRatio must be in (0,1)");
            require(minBlinks >= 0, "learning.minBlinks must not be negative");
            require(passiveFloor >= 0 && passiveFloor <= 1, "learning.passiveFloor must be in [0,1]");
            require(minFaces >= 1, "learning.minFaces must be at least 1");
            require(minQuality >= 0 && minQuality <= 1, "learning.minQuality must be in [0,1]");
            require(maxTemplates >= 1 && maxTemplates <= 1000, "learning.maxTemplates must be 1..1000");
            require(agreementFloor >= 0 && agreementFloor <= 1, "learning.agreementFloor must be in [0,1]");
            require(pruneGraceSeconds >= 0, "learning.pruneGraceSeconds must not be negative");
            require(pruneMinSightings >= 1, "learning.pruneMinSightings must be at least 1");
            require(pruneEverySeconds >= 1, "learning.pruneEverySeconds must be at least 1");
            require(intruderSightings >= 0, "learning.intruderSightings must not be negative");
            require(intruderWindowSeconds >= 1, "learning.intruderWindowSeconds must be at least 1");
        }
    }

    /**
     * Edge nodes ({@code vigil node}) and the central side that classifies what they send. The node settings are read
     * by the node process, the others by the server.
     *
     * @param queuePerNode         observations waiting per node on the central side; beyond it a node's newest are shed and counted
     * @param classifyThreads      central threads draining the nodes' queues round-robin
     * @param inactiveSeconds      a node not heard from for this long is listed inactive
     * @param heartbeatSeconds     how often a node reports its health
     * @param bufferMaxItems       observations a node keeps on disk while the centre is unreachable; the oldest go beyond it
     * @param batchSize            observations per request a node sends at most
     * @param resendMinQualityGain a track is sent again when its best face's quality rose by this much ...
     * @param resendMaxSimilarity  ... or its mean embedding is less alike than this to the one already sent
     * @param nats                 NATS server URL (e.g. nats://127.0.0.1:4222) for the scale-out transport; empty for off
     * @param natsStream           JetStream stream (created if missing) holding the observations
     * @param natsSubject          subject prefix; each node publishes on {@code <natsSubject>.<node>}
     * @param natsAckWaitSeconds   an observation taken by a central server that died is redelivered after this long
     * @param natsMaxPerNode       observations kept per node in the stream; the oldest are discarded beyond it
     */
    public record Nodes(int queuePerNode, int classifyThreads, double inactiveSeconds, double heartbeatSeconds,
                        int bufferMaxItems, int batchSize, float resendMinQualityGain, float resendMaxSimilarity,
                        String nats, String natsStream, String natsSubject, double natsAckWaitSeconds, long natsMaxPerNode) {
        public Nodes {
            require(queuePerNode >= 1, "nodes.queuePerNode must be at least 1");
            require(classifyThreads >= 1 && classifyThreads <= 64, "nodes.classifyThreads must be 1..64");
            require(heartbeatSeconds >= 0.1 && heartbeatSeconds < inactiveSeconds,
                    "nodes need 0.1 <= heartbeatSeconds < inactiveSeconds");
            require(bufferMaxItems >= 1, "nodes.bufferMaxItems must be at least 1");
            require(batchSize >= 1 && batchSize <= 1000, "nodes.batchSize must be 1..1000");
            require(resendMinQualityGain >= 0 && resendMinQualityGain <= 1, "nodes.resendMinQualityGain must be in [0,1]");
            require(resendMaxSimilarity > 0 && resendMaxSimilarity <= 1, "nodes.resendMaxSimilarity must be in (0,1]");
            require(nats != null, "nodes.nats must be set (empty disables NATS)");
            require(natsStream != null && natsStream.matches("[A-Za-z0-9_-]+"), "nodes.natsStream must be letters, digits, '_' or '-'");
            require(natsSubject != null && natsSubject.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*"),
                    "nodes.natsSubject must be dot-separated tokens without wildcards");
            require(natsAckWaitSeconds >= 1, "nodes.natsAckWaitSeconds must be at least 1");
            require(natsMaxPerNode >= 1, "nodes.natsMaxPerNode must be at least 1");
        }

        public boolean natsEnabled() {
            return !nats.isBlank();
        }
    }

    public VigilConfig withServer(Server s) {
        return new VigilConfig(s, engine, recognition, enrollment, access, streams, events, webhooks, mqtt, database, learning, nodes);
    }

    public VigilConfig withEvents(Events ev, Webhooks w, Mqtt m) {
        return new VigilConfig(server, engine, recognition, enrollment, access, streams, ev, w, m, database, learning, nodes);
    }

    public VigilConfig withAccess(Access a) {
        return new VigilConfig(server, engine, recognition, enrollment, a, streams, events, webhooks, mqtt, database, learning, nodes);
    }

    public VigilConfig withLearning(Learning l) {
        return new VigilConfig(server, engine, recognition, enrollment, access, streams, events, webhooks, mqtt, database, l, nodes);
    }

    public VigilConfig withNodes(Nodes n) {
        return new VigilConfig(server, engine, recognition, enrollment, access, streams, events, webhooks, mqtt, database, learning, n);
    }

    public VigilConfig withDatabase(Database db) {
        return new VigilConfig(server, engine, recognition, enrollment, access, streams, events, webhooks, mqtt, db, learning, nodes);
    }

    public static VigilConfig defaults() {
        return new VigilConfig(
                new Server("127.0.0.1", 8080, Path.of("data"), 20L << 20, 1L << 30, 10_000),
                new Engine("", 1, 0.65f, 1920, 50_000_000L),
                new Recognition(Calibration.shipped().accept(), Calibration.shipped().rejectFloor(), 5),
                new Enrollment(0.3f),
                new Access("", 50, 100, 10, 12),
                new Streams(0, 5, 0.5, 30, 10, 0.3f, 0.45f, 3, 0.6f, 15, 60, 80, java.util.List.of(), 6),
                new Events(30, 1_000_000, 60, true, 10_000, 16),
                new Webhooks(List.of(), 5, 5_000, 1_000, 300_000, 24),
                new Mqtt("", 1, "vigil", "vigil", "", "", 1_000),
                new Database("", 8, 1000),
                new Learning(false, 3, 0.75f, 1, 0.5f, 3, 0.5f, 5, 0.3f, false, 86_400, 2, 600, 0, 600, true),
                new Nodes(256, 1, 15, 5, 10_000, 32, 0.1f, 0.95f, "", "VIGIL_NODES", "vigil.nodes", 30, 10_000));
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
