package dev.vigil.access;

import java.util.Set;

/**
 * Which role a request needs, from its method and path alone, so that every route, including ones added later, falls
 * under a rule: reads need {@link Role#VIEW}, recognition needs {@link Role#RECOGNIZE}, everything else that changes
 * something needs {@link Role#ADMIN}. A few paths are open: the health check, the API description, the dashboard's
 * static files and the login itself. Edge nodes' endpoints take a node token instead of an API key
 * ({@link #byNodeToken}); a node token opens nothing else.
 */
public final class AccessRules {
    private static final Set<String> RECOGNITION = Set.of(
            "/api/v1/identify", "/api/v1/verify",
            "/api/v1/recognition/recognize", "/api/v1/verification/verify", "/api/v1/detection/detect",
            "/v1/vision/face/recognize", "/v1/vision/face");
    /** Reads that reveal secrets or whole biometric records: admin only. */
    private static final Set<String> ADMIN_READS = Set.of("/api/v1/keys", "/api/v1/audit");
    /** What an edge node posts: its observations and its heartbeat. */
    private static final Set<String> NODE_ENDPOINTS = Set.of("/api/v1/nodes/ingest", "/api/v1/nodes/heartbeat");
    private static final Set<String> OPEN = Set.of("/health", "/api/v1/openapi.json", "/api/v1/session");
    private static final Set<String> STATIC_SUFFIXES = Set.of(".html", ".css", ".js", ".png", ".svg", ".ico", ".map",
            ".woff", ".woff2", ".json");

    private AccessRules() {
    }

    /** Whether the request is an edge node's, authenticated by its node token (and by nothing else). */
    public static boolean byNodeToken(String method, String path) {
        return method.equals("POST") && NODE_ENDPOINTS.contains(trimSlash(path));
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The role a request needs, or null when it is open to anyone. Node endpoints need admin, as API calls. */
    public static Role required(String method, String path) {
        String p = trimSlash(path);
        if (OPEN.contains(p)) return null;
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && isStatic(p)) return null;
        if (method.equals("OPTIONS")) return null;
        if (RECOGNITION.contains(p) || (method.equals("POST") && p.startsWith("/api/v1/recognition/faces/") && p.endsWith("/verify"))) {
            return Role.RECOGNIZE;
        }
        if (read) {
            if (ADMIN_READS.contains(p) || p.startsWith("/api/v1/keys/") || p.endsWith("/export")) return Role.ADMIN;
            return Role.VIEW;
        }
        return Role.ADMIN;
    }

    /** The dashboard: its page and static assets, which hold no data (the data comes from protected endpoints). */
    private static boolean isStatic(String p) {
        if (p.equals("/") || p.startsWith("/webjars/") || p.startsWith("/assets/")) return true;
        if (p.startsWith("/api/") || p.startsWith("/ws/") || p.startsWith("/v1/") || p.startsWith("/streams/")) return false;
        int dot = p.lastIndexOf('.');
        return dot > p.lastIndexOf('/') && STATIC_SUFFIXES.contains(p.substring(dot));
    }
}
