package dev.vigil.cli;

import dev.vigil.Vigil;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil serve}: the REST server. */
@Command(name = "serve", description = "Run the Vigil server (REST API; data in ./data, SQLite, port 8080 by default).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default 8080, or $VIGIL_PORT).")
    Integer port;

    @Option(names = "--host", description = "Address to bind (default 127.0.0.1, or $VIGIL_HOST).")
    String host;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data, or $VIGIL_DATA).")
    Path data;

    @Option(names = "--db", paramLabel = "URL", description = "PostgreSQL URL shared by several servers, e.g. "
            + "postgres://vigil@db/vigil (default: SQLite in the data directory, or $VIGIL_DB).")
    String db;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (or $VIGIL_CONFIG).")
    Path config;

    @Override
    public Integer call() throws Exception {
        var flags = new LinkedHashMap<String, Object>();
        flags.put("server.port", port);
        flags.put("server.host", host);
        flags.put("server.data", data);
        flags.put("database.url", db);
        VigilConfig cfg = load(config, flags);
        CountDownLatch stopped = new CountDownLatch(1);
        Vigil vigil = Vigil.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vigil.close();
            stopped.countDown();
        }, "vigil-shutdown"));
        System.err.printf("Vigil is listening on http://%s:%d (data in %s)%n", cfg.server().host(), vigil.port(),
                cfg.server().data().toAbsolutePath());
        stopped.await();
        return 0;
    }

    /** Config from file ($VIGIL_CONFIG when no flag), environment and the given flag values (nulls ignored). */
    static VigilConfig load(Path file, Map<String, Object> flags) {
        String envFile = System.getenv("VIGIL_CONFIG");
        Path f = file != null ? file : envFile != null && !envFile.isBlank() ? Path.of(envFile) : null;
        var overrides = new LinkedHashMap<String, Object>();
        flags.forEach((k, v) -> {
            if (v != null) overrides.put(k, v);
        });
        return ConfigLoader.load(f, System.getenv(), overrides);
    }
}
