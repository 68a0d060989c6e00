package dev.vigil.cli;

import dev.vigil.config.VigilConfig;
import dev.vigil.node.EdgeNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil node}: an edge node that analyses local cameras and sends embeddings (never images) to a server. */
@Command(name = "node", description = "Run an edge node: analyse streams here, send each track's embedding to a central server.")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "The central server, e.g. https://vigil.example:8080.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "This node's token (from 'vigil nodes token create'); "
            + "or $VIGIL_NODE_TOKEN, which keeps it out of the process list.")
    String token;

    @Option(names = "--stream", required = true, paramLabel = "NAME=URL", description = "A stream to analyse: rtsp://, "
            + "http(s):// MJPEG, /dev/videoN or a video file. Repeat for more.")
    List<String> streams;

    @Option(names = "--fps", defaultValue = "5", description = "Frames analysed per second per stream at most (default ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--loop", description = "Play video files again from the start when they end.")
    boolean loop;

    @Option(names = "--nats", paramLabel = "URL", description = "Send observations through NATS JetStream (nats://host:4222) "
            + "instead of HTTP; heartbeats still go to --server.")
    String nats;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "node-data", description = "The outbox and stream state (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (or $VIGIL_CONFIG); the nodes section applies.")
    Path config;

    @Override
    public Integer call() throws Exception {
        String secret = token != null ? token : System.getenv("VIGIL_NODE_TOKEN");
        if (secret == null || secret.isBlank()) throw new IllegalArgumentException("a node needs --token or $VIGIL_NODE_TOKEN");
        List<VigilConfig.Source> sources = new ArrayList<>();
        for (String s : streams) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) throw new IllegalArgumentException("--stream takes NAME=URL, not '" + s + "'");
            sources.add(new VigilConfig.Source(s.substring(0, eq), s.substring(eq + 1), fps, null, loop, null, true));
        }
        var flags = new LinkedHashMap<String, Object>();
        flags.put("server.data", data);
        flags.put("nodes.nats", nats);
        VigilConfig cfg = ServeCommand.load(config, flags);
        CountDownLatch stopped = new CountDownLatch(1);
        EdgeNode node = EdgeNode.start(cfg, server, secret, sources);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "vigil-node-shutdown"));
        System.err.printf("Vigil node: %d stream(s), sending to %s%s (outbox in %s)%n", sources.size(), server,
                cfg.nodes().natsEnabled() ? " and NATS " + cfg.nodes().nats() : "", cfg.server().data().toAbsolutePath());
        stopped.await();
        return 0;
    }
}
