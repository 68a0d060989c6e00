package dev.vigil.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's source, on its own thread: opens it with FFmpeg, decodes every frame to BGR and hands it to the sink
 * at once (the sink keeps only the newest), and reopens the source with {@link Backoff} when it fails or stalls.
 * Files are read at their own frame rate, as a camera would deliver them. The FFmpeg grabber and converter live and
 * die inside one attempt, on this thread only.
 */
final class Grabber implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Grabber.class);

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg prints every stream header at the default level
    }

    interface Sink {
        /** A decoded BGR frame, valid only during the call. */
        void frame(Mat bgr, long grabbedNanos);
    }

    private final StreamSpec spec;
    private final Backoff backoff;
    private final double stallSeconds;
    private final Sink sink;
    private final RateMeter framesIn = new RateMeter();
    private volatile boolean running = true;
    private volatile StreamState state = StreamState.CONNECTING;
    private volatile String lastError;
    private volatile long reconnects;
    private volatile long lastFrameMillis;

    Grabber(StreamSpec spec, Backoff backoff, double stallSeconds, Sink sink) {
        this.spec = spec;
        this.backoff = backoff;
        this.stallSeconds = stallSeconds;
        this.sink = sink;
    }

    private enum End { FAILED, AT_END, RESTART }

    @Override
    public void run() {
        int failures = 0;
        while (running) {
            End end;
            long framesBefore = framesIn.count();
            long attemptStart = System.nanoTime();
            try {
                end = readOnce();
            } catch (Exception | UnsatisfiedLinkError e) {
                boolean silent = framesIn.count() == framesBefore && System.nanoTime() - attemptStart >= stallSeconds * 0.9e9;
                lastError = (silent ? "no frame within " + stallSeconds + " s (source stalled): " : "") + message(e);
                end = End.FAILED;
            }
            if (!running) break;
            if (framesIn.count() > framesBefore) failures = 0; // it was live: the next failure starts a fresh backoff
            if (end == End.RESTART) {
                failures = 0;
                continue;
            }
            if (end == End.AT_END) {
                state = StreamState.ENDED;
                return;
            }
            if (spec.kind() == StreamSpec.Kind.FILE && !Files.exists(filePath())) {
                lastError = "no such file: " + filePath();
                state = StreamState.FAILED;
                LOG.warn("stream {}: {}", spec.name(), lastError);
                return;
            }
            failures++;
            reconnects++;
            state = StreamState.RECONNECTING;
            long wait = backoff.delayMillis(failures, ThreadLocalRandom.current());
            LOG.info("stream {}: {}; reopening in {} ms", spec.name(), lastError, wait);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                if (!running) break;
            }
        }
    }

    /** Opens the source and reads until it ends or fails. */
    private End readOnce() throws Exception {
        try (FFmpegFrameGrabber g = open(); OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            g.start();
            boolean isFile = spec.kind() == StreamSpec.Kind.FILE;
            long wallStart = 0, firstTimestamp = 0;
            boolean first = true;
            while (running) {
                Frame frame = g.grabImage();
                if (frame == null || frame.image == null) {
                    if (isFile) return spec.loop() ? End.RESTART : End.AT_END;
                    lastError = "no frame for " + stallSeconds + " s: the source closed or stalled";
                    return End.FAILED;
                }
                long now = System.nanoTime();
                if (isFile) {
                    if (first) {
                        wallStart = now;
                        firstTimestamp = g.getTimestamp();
                    } else {
                        long due = wallStart + (g.getTimestamp() - firstTimestamp) * 1000;
                        if (due > now) Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
                        now = System.nanoTime();
                    }
                }
                if (first) {
                    state = StreamState.LIVE;
                    first = false;
                }
                lastFrameMillis = System.currentTimeMillis();
                framesIn.mark(now);
                Mat bgr = converter.convert(frame);
                if (bgr != null) sink.frame(bgr, now);
            }
            return End.FAILED;
        }
    }

    private FFmpegFrameGrabber open() {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(spec.kind() == StreamSpec.Kind.FILE ? filePath().toString() : spec.url());
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        String micros = String.valueOf((long) (stallSeconds * 1_000_000));
        switch (spec.kind()) {
            case RTSP -> {
                g.setOption("rtsp_transport", spec.transport());
                g.setOption("timeout", micros);
            }
            case HTTP -> g.setOption("rw_timeout", micros);
            case DEVICE -> g.setFormat("v4l2");
            case FILE -> {
            }
        }
        return g;
    }

    private Path filePath() {
        String u = spec.url();
        return Path.of(u.startsWith("file:") ? java.net.URI.create(u).getPath() : u);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    void stop() {
        running = false;
    }

    StreamState state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    long reconnects() {
        return reconnects;
    }

    long lastFrameMillis() {
        return lastFrameMillis;
    }

    RateMeter framesIn() {
        return framesIn;
    }
}
