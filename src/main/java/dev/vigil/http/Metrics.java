package dev.vigil.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters and latency histograms in the Prometheus text format. Lock-free on the request path (LongAdder), and
 * label sets are bounded: routes are the matched path templates, not raw URLs.
 */
public final class Metrics {
    private static final double[] BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Key(String method, String route, int status) {
    }

    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS_SECONDS.length];
        final LongAdder count = new LongAdder();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
        }

        void observe(double seconds) {
            for (int i = 0; i < buckets.length; i++) if (seconds <= BUCKETS_SECONDS[i]) buckets[i].increment();
            count.increment();
            sum.add(seconds);
        }
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder facesEmbedded = new LongAdder();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    public void request(String method, String route, int status, double seconds) {
        requests.computeIfAbsent(new Key(method, route, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, r -> new Histogram()).observe(seconds);
    }

    public void facesEmbedded(int n) {
        facesEmbedded.add(n);
    }

    /** A value read when metrics are scraped, e.g. the gallery size. */
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    public String scrape() {
        var sb = new StringBuilder();
        sb.append("# HELP vigil_http_requests_total HTTP requests by method, route and status.\n");
        sb.append("# TYPE vigil_http_requests_total counter\n");
        requests.forEach((k, v) -> sb.append(String.format("vigil_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} %d%n",
                k.method(), escape(k.route()), k.status(), v.sum())));
        sb.append("# HELP vigil_http_request_duration_seconds HTTP request latency by route.\n");
        sb.append("# TYPE vigil_http_request_duration_seconds histogram\n");
        latency.forEach((route, h) -> {
            String r = escape(route);
            for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
                sb.append(String.format("vigil_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %d%n", r,
                        BUCKETS_SECONDS[i], h.buckets[i].sum()));
            }
            sb.append(String.format("vigil_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d%n", r, h.count.sum()));
            sb.append(String.format("vigil_http_request_duration_seconds_sum{route=\"%s\"} %f%n", r, h.sum.sum()));
            sb.append(String.format("vigil_http_request_duration_seconds_count{route=\"%s\"} %d%n", r, h.count.sum()));
        });
        sb.append("# HELP vigil_faces_embedded_total Faces detected and embedded.\n");
        sb.append("# TYPE vigil_faces_embedded_total counter\n");
        sb.append("vigil_faces_embedded_total ").append(facesEmbedded.sum()).append('\n');
        gauges.forEach((name, value) -> {
            sb.append("# TYPE ").append(name).append(" gauge\n");
            sb.append(name).append(' ').append(value.getAsLong()).append('\n');
        });
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
