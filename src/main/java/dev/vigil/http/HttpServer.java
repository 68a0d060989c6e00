package dev.vigil.http;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.javalin.apibuilder.ApiBuilder.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.Actor;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.RateLimiter;
import dev.vigil.access.Sessions;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.ImageDecoder;
import dev.vigil.eval.ThresholdStats;
import dev.vigil.event.EventOutputs;
import dev.vigil.event.EventSink;
import dev.vigil.gallery.Gallery;
import dev.vigil.learning.Learner;
import dev.vigil.gallery.ZipImport;
import dev.vigil.node.NodeCentral;
import dev.vigil.recognition.Recognizer;
import dev.vigil.stream.StreamManager;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;

/** The Javalin server: configuration, routes and error handling. Owns nothing but the web server itself. */
public final class HttpServer implements AutoCloseable {
    private final Javalin app;

    public HttpServer(VigilConfig config, Gallery gallery, Recognizer recognizer, ImageDecoder decoder, Metrics metrics,
                      EventSink events, ApiKeys keys, StreamManager streamManager,
                      ThresholdStats thresholdStats, EventOutputs eventOutputs, Learner learner, NodeCentral nodeCentral) {
        var server = config.server();
        var accessCfg = config.access();
        ObjectMapper json = new ObjectMapper();
        var sessions = new Sessions(Duration.ofHours(accessCfg.sessionHours()), Clock.systemUTC());
        var access = new AccessControl(keys, nodeCentral.tokens(), sessions, new RateLimiter(accessCfg.failedAuthPerMinute() / 60.0,
                accessCfg.failedAuthPerMinute()), new RateLimiter(accessCfg.identifyPerSecond(), accessCfg.identifyBurst()));
        var accessApi = new AccessApi(keys, sessions, access, gallery.store(), json);
        var zipImport = new ZipImport(gallery, server.maxUploadBytes(), server.maxZipBytes(), server.maxZipEntries());
        var subjects = new SubjectsApi(gallery, zipImport, json, server.maxUploadBytes(), server.maxZipBytes(), metrics);
        var recognition = new RecognitionApi(recognizer, decoder, gallery.store(), server.maxUploadBytes(), metrics, events,
                learner.probes());
        var streams = new StreamsApi(streamManager, json);
        var learning = new LearningApi(learner, gallery, eventOutputs.store(), json);
        var thresholds = new ThresholdStatsApi(thresholdStats, gallery.store(), json, learning);
        var eventsApi = new EventsApi(eventOutputs, json);
        var nodes = new NodesApi(nodeCentral, gallery.store(), json);
        var feedSocket = new FeedSocket(eventOutputs.feed(), json);
        var seed = new SeedApi(gallery, zipImport, server.maxUploadBytes(), server.maxZipBytes());
        var compreFace = new CompreFaceApi(gallery, recognizer, recognition, decoder, json, server.maxUploadBytes());
        var deepStack = new DeepStackApi(gallery, recognizer, recognition, decoder, server.maxUploadBytes());
        byte[] openApi = resource("/openapi.json");
        byte[] shippedEval = resource("/eval/report.json");
        Path localEval = server.data().resolve("eval").resolve("report.json");
        Path uploads = server.data().resolve("tmp");
        try {
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + uploads, e);
        }
        long largestUpload = Math.max(server.maxUploadBytes(), server.maxZipBytes());

        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.staticFiles.add("/web", Location.CLASSPATH); // the dashboard at /, plain files, no build step
            // JSON bodies, which may carry a base64 image (CompreFace); uploads are bounded by the multipart limits below.
            cfg.http.maxRequestSize = server.maxUploadBytes() / 3 * 4 + (1L << 20);
            // Parts above 1 MB go to disk, so a ZIP import streams from a file, never from a heap copy.
            cfg.jetty.multipartConfig.cacheDirectory(uploads.toString());
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.jetty.multipartConfig.maxFileSize(largestUpload, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(largestUpload + (1L << 20), SizeUnit.BYTES);
            cfg.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), ms / 1000.0));
            cfg.router.apiBuilder(() -> {
                before(AccessControl::secureHeaders);
                get("/health", ctx -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("status", "ok");
                    m.put("subjects", gallery.store().subjectCount());
                    m.put("templates", gallery.index().size());
                    ctx.json(m);
                });
                get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
                path("/api/v1", () -> {
                    get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
                    path("/subjects", () -> {
                        get(subjects::list);
                        post(subjects::create);
                        post("/import", subjects::importZip);
                        path("/{id}", () -> {
                            get(subjects::get);
                            patch(subjects::update);
                            delete(subjects::delete);
                            post("/templates", subjects::enroll);
                            delete("/templates/{templateId}", subjects::deleteTemplate);
                            get("/templates/{templateId}/crop", subjects::templateCrop);
                            get("/export", subjects::export);
                            post("/merge", learning::merge);
                        });
                    });
                    post("/enroll", subjects::enrollByName);
                    post("/identify", recognition::identify);
                    post("/verify", recognition::verify);
                    path("/streams", () -> {
                        get(streams::list);
                        post(streams::create);
                        path("/{id}", () -> {
                            get(streams::get);
                            delete(streams::delete);
                        });
                    });
                    get("/status", streams::status);
                    path("/keys", () -> {
                        get(accessApi::listKeys);
                        post(accessApi::createKey);
                        delete("/{name}", accessApi::revokeKey);
                    });
                    path("/session", () -> {
                        get(accessApi::whoami);
                        post(accessApi::login);
                        delete(accessApi::logout);
                    });
                    get("/audit", accessApi::audit);
                    // CompreFace's API; its paths do not overlap Vigil's own.
                    for (String service : new String[] {"/recognition", "/verification", "/detection"}) {
                        before(service + "/*", CompreFaceApi::before);
                    }
                    path("/recognition", () -> {
                        post("/recognize", compreFace::recognize);
                        path("/faces", () -> {
                            get(compreFace::listExamples);
                            post(compreFace::addExample);
                            delete(compreFace::deleteExamples);
                            delete("/{imageId}", compreFace::deleteExample);
                            get("/{imageId}/img", compreFace::exampleImage);
                            post("/{imageId}/verify", compreFace::verifyExample);
                        });
                        path("/subjects", () -> {
                            get(compreFace::listSubjects);
                            post(compreFace::createSubject);
                            delete(compreFace::deleteAllSubjects);
                            put("/{subject}", compreFace::renameSubject);
                            delete("/{subject}", compreFace::deleteSubject);
                        });
                    });
                    post("/verification/verify", compreFace::verify);
                    post("/detection/detect", compreFace::detect);
                    get("/thresholds/stats", thresholds::stats);
                    // The last `vigil eval --out DATA/eval` here, else the report the shipped thresholds came from.
                    get("/eval/report", ctx -> ctx.contentType("application/json")
                            .result(Files.exists(localEval) ? Files.readAllBytes(localEval) : shippedEval));
                    post("/events/{id}/feedback", thresholds::feedback);
                    post("/events/{id}/not-this-person", learning::notThisPerson);
                    post("/learning/prune", learning::prune);
                    path("/events", () -> {
                        get(eventsApi::list);
                        get("/{id}", eventsApi::get);
                        get("/{id}/snapshot", eventsApi::snapshot);
                    });
                    path("/nodes", () -> {
                        get(nodes::list);
                        post("/ingest", nodes::ingest);
                        post("/heartbeat", nodes::heartbeat);
                        post("/tokens", nodes::createToken);
                        delete("/tokens/{name}", nodes::revokeToken);
                    });
                    path("/webhooks", () -> {
                        get(eventsApi::listWebhooks);
                        post(eventsApi::createWebhook);
                        get("/{id}", eventsApi::getWebhook);
                        delete("/{id}", eventsApi::deleteWebhook);
                    });
                });
                // DeepStack's and CodeProject.AI's face API.
                before("/v1/vision/*", DeepStackApi::before);
                path("/v1/vision/face", () -> {
                    post(deepStack::detect);
                    post("/recognize", deepStack::recognize);
                    post("/register", deepStack::register);
                    post("/delete", deepStack::delete);
                    post("/list", deepStack::list);
                });
                get("/streams/{id}/mjpeg", streams::mjpeg);
                post("/register", seed::register);
                post("/unregister", seed::unregister);
                get("/faces", seed::faces);
                ws("/ws/face-stream", feedSocket::configure);
                post("/register-faces", seed::registerFaces);
                // Last of the before-handlers, so the compatibility APIs have chosen their error shape already.
                before(access::check);
            });
        });
        app.wsBeforeUpgrade(access::check);
        app.after(ctx -> Actor.clear());
        Errors.install(app);
        metrics.gauge("vigil_gallery_subjects", () -> gallery.store().subjectCount());
        metrics.gauge("vigil_gallery_templates", () -> gallery.index().size());
        metrics.gauge("vigil_events_dropped", eventOutputs::dropped);
        metrics.gauge("vigil_feed_viewers", () -> eventOutputs.feed().viewers());
        metrics.gauge("vigil_feed_skipped", () -> eventOutputs.feed().skipped());
        metrics.gauge("vigil_node_observations_shed", nodeCentral::shed);
        // Heap alone hides native leaks (frames, inference): the resident set and JavaCPP's count show them.
        metrics.gauge("vigil_process_resident_bytes", ProcessMemory::residentBytes);
        metrics.gauge("vigil_jvm_heap_used_bytes", ProcessMemory::heapUsedBytes);
        metrics.gauge("vigil_native_bytes", ProcessMemory::javacppBytes);
    }

    private static String route(io.javalin.http.Context ctx) {
        try {
            String p = ctx.endpointHandlerPath();
            return p == null || p.isEmpty() ? "unmatched" : p;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = HttpServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public HttpServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
