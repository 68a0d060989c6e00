package dev.vigil.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cli.BenchReport;
import dev.vigil.http.Http;
import dev.vigil.http.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reliability run, opt-in because it takes ten minutes: a real RTSP server killed every minute, each time for a few
 * seconds, while Vigil analyses its stream; every outage must be noticed and recovered from. Writes the per-outage
 * table to docs/RELIABILITY.md.
 */
class RtspOutageTest {
    private static final String RUN = "mvn -B test -Dtest=RtspOutageTest -Dvigil.reliability=true";
    private static final int OUTAGES = Integer.getInteger("vigil.reliability.outages", 10);
    private static final Duration PERIOD = Duration.ofMinutes(1);
    /** Long enough to be a real outage (the grabber gives up and waits), short enough for a camera reboot. */
    private static final Duration DOWN = Duration.ofSeconds(5);
    /** A functional limit, not a timing target: the reconnect backoff's steps fit well inside it. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    /** One outage; times in seconds from the kill, empty when it never happened. */
    private record Outage(int number, Optional<Double> detected, double restarted, Optional<Double> live,
                          long reconnects, String load) {
    }

    @Test
    void anRtspStreamRecoversFromEveryOutageWhenItsServerIsKilledEveryMinute() throws Exception {
        assumeTrue(Boolean.getBoolean("vigil.reliability"), "skipped: a " + OUTAGES + "-minute reliability run; run it with "
                + RUN + " (it writes docs/RELIABILITY.md)");
        String machine = BenchReport.machine();
        List<Outage> outages = new ArrayList<>();
        Path clip = FfmpegProgram.clip();
        try (RtspRelay relay = new RtspRelay(clip); TestServer server = TestServer.start()) {
            Http http = server.http;
            int port = relay.serve(0);
            String id = Streams.create(http, "{\"name\":\"outages\",\"url\":\"rtsp://127.0.0.1:" + port + "/live\",\"fps\":5}");
            Streams.await(http, id, RECOVERY_LIMIT, "live", RtspOutageTest::live);
            for (int n = 1; n <= OUTAGES; n++) {
                long reconnectsBefore = http.get("/api/v1/streams/" + id).json().get("reconnects").asLong();
                String load = BenchReport.loadAverage();
                relay.kill();
                long killed = System.nanoTime();
                Optional<Double> detected = Streams.poll(http, id, killed + DOWN.toNanos(), s -> !live(s))
                        .map(s -> seconds(killed));
                while (System.nanoTime() < killed + DOWN.toNanos()) Thread.sleep(50);
                relay.serve(port);
                double restarted = seconds(killed);
                long recoveryDeadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
                // A stream that missed the outage altogether must not count as recovered, so wait for it to leave live first.
                if (detected.isEmpty()) detected = Streams.poll(http, id, recoveryDeadline, s -> !live(s)).map(s -> seconds(killed));
                Optional<JsonNode> back = detected.isEmpty() ? Optional.empty()
                        : Streams.poll(http, id, recoveryDeadline, RtspOutageTest::live);
                long reconnects = http.get("/api/v1/streams/" + id).json().get("reconnects").asLong() - reconnectsBefore;
                var outage = new Outage(n, detected, restarted, back.map(s -> seconds(killed)), reconnects, load);
                outages.add(outage);
                System.out.println(row(outage));
                if (back.isEmpty()) break;
                while (System.nanoTime() < killed + PERIOD.toNanos()) Thread.sleep(200);
            }
        }
        BenchReport.writeSection(Path.of(System.getProperty("vigil.reliability.out", "docs/RELIABILITY.md")), "rtsp-outages",
                report(machine, clip, outages));
        assertThat(outages).allSatisfy(o -> assertThat(o.live()).as("outage %d recovered", o.number()).isPresent())
                .hasSize(OUTAGES);
    }

    private static boolean live(JsonNode status) {
        return status.get("state").asText().equals("live");
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static String report(String machine, Path clip, List<Outage> outages) {
        long recovered = outages.stream().filter(o -> o.live().isPresent()).count();
        var md = new StringBuilder("## RTSP source killed every minute\n\n");
        md.append("Command: `").append(RUN).append("`  \n");
        md.append("Machine: ").append(machine).append("  \n");
        md.append("A real RTSP server (the test's relay: bundled ffmpeg encodes ").append(clip.getFileName())
                .append(" to RTP, the relay serves it over RTSP/TCP) feeds a stream analysed at 5 fps by a whole Vigil. Once a minute the RTSP server "
                + "is killed (listening socket and every connection closed) and restarted on the same port ")
                .append(DOWN.toSeconds()).append(" s later. Times are seconds from the kill, read by polling "
                        + "`GET /api/v1/streams/{id}` every 100 ms: *detected* when the state leaves `live`, *live again* "
                        + "when it returns. Reconnects is the stream's reconnect counter over the outage.\n\n");
        md.append("| outage | detected s | server back s | live again s | after restart s | reconnects | load |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Outage o : outages) md.append(row(o)).append('\n');
        md.append(String.format("%n%d of %d outages recovered (limit %d s after the restart).%n", recovered, OUTAGES,
                RECOVERY_LIMIT.toSeconds()));
        return md.toString();
    }

    private static String row(Outage o) {
        return String.format("| %d | %s | %.1f | %s | %s | %d | %s |", o.number(),
                o.detected().map(s -> String.format("%.1f", s)).orElse("not detected"), o.restarted(),
                o.live().map(s -> String.format("%.1f", s)).orElse("not recovered"),
                o.live().map(s -> String.format("%.1f", s - o.restarted())).orElse("-"), o.reconnects(), o.load());
    }
}
