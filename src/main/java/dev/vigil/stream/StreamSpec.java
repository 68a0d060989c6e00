package dev.vigil.stream;

import java.net.URI;

/**
 * What a stream is: where its frames come from and how hard to look at them. Stored as one row; immutable.
 *
 * @param id        stable id (UUID) used in URLs
 * @param name      unique display name, also the {@code stream} of its events
 * @param url       rtsp://, http(s):// (MJPEG), /dev/videoN (V4L2 through FFmpeg) or a video file path
 * @param fps       frames analysed per second at most; the grabber still decodes every frame
 * @param scale     frames are resized by this factor before analysis (1 = as decoded)
 * @param loop      files only: start again at the end
 * @param transport RTSP only: "tcp" (default, survives NAT and loss) or "udp"
 * @param enabled   a disabled stream is kept but not opened
 */
public record StreamSpec(String id, String name, String url, double fps, double scale, boolean loop, String transport,
                         boolean enabled) {
    public static final double DEFAULT_FPS = 5;
    private static final int MAX_NAME = 128;

    public StreamSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a stream needs a 'name'");
        name = name.strip();
        if (name.length() > MAX_NAME) throw new IllegalArgumentException("a stream name has at most " + MAX_NAME + " characters");
        if (url == null || url.isBlank()) throw new IllegalArgumentException("a stream needs a 'url'");
        url = url.strip();
        if (!(fps > 0 && fps <= 60)) throw new IllegalArgumentException("'fps' must be in (0, 60]");
        if (!(scale > 0 && scale <= 1)) throw new IllegalArgumentException("'scale' must be in (0, 1]");
        transport = transport == null || transport.isBlank() ? "tcp" : transport.strip().toLowerCase();
        if (!transport.equals("tcp") && !transport.equals("udp")) throw new IllegalArgumentException("'transport' must be tcp or udp");
        kindOf(url); // refuses what no grabber can open
    }

    /** How a URL is opened. */
    public enum Kind { RTSP, HTTP, DEVICE, FILE }

    public Kind kind() {
        return kindOf(url);
    }

    static Kind kindOf(String url) {
        String lower = url.toLowerCase();
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) return Kind.RTSP;
        if (lower.startsWith("http://") || lower.startsWith("https://")) return Kind.HTTP;
        if (lower.startsWith("/dev/video")) return Kind.DEVICE;
        if (lower.startsWith("file:")) return Kind.FILE;
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("unsupported stream URL scheme: " + URI.create(url).getScheme());
        }
        return Kind.FILE;
    }

    public StreamSpec withId(String newId) {
        return new StreamSpec(newId, name, url, fps, scale, loop, transport, enabled);
    }
}
