package dev.vigil.http;

import dev.vigil.Vigil;
import dev.vigil.config.VigilConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real {@code vigil serve} in this JVM, on a free port, with its own data directory (and SQLite file, unless on PostgreSQL). */
public final class TestServer implements AutoCloseable {
    public final Vigil vigil;
    public final Http http;
    public final Path data;

    private TestServer(VigilConfig config) throws IOException {
        this.data = config.server().data();
        this.vigil = Vigil.start(config);
        this.http = new Http(vigil.port());
    }

    public static TestServer start() {
        return start(20L << 20, 100L << 20, 1000);
    }

    public static TestServer start(long maxUploadBytes, long maxZipBytes, int maxZipEntries) {
        return start(maxUploadBytes, maxZipBytes, maxZipEntries, VigilConfig.defaults().access());
    }

    public static TestServer start(VigilConfig.Access access) {
        return start(20L << 20, 100L << 20, 1000, access);
    }

    public static TestServer start(long maxUploadBytes, long maxZipBytes, int maxZipEntries, VigilConfig.Access access) {
        var d = config(newDataDirectory());
        var server = new VigilConfig.Server("127.0.0.1", 0, d.server().data(), maxUploadBytes, maxZipBytes, maxZipEntries);
        return start(d.withServer(server).withAccess(access));
    }

    public static TestServer start(VigilConfig config) {
        try {
            return new TestServer(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on the shared database at {@code dbUrl} (its own data directory all the same). */
    public static TestServer startOn(String dbUrl) {
        var d = config(newDataDirectory());
        return start(d.withDatabase(new VigilConfig.Database(dbUrl, 4, d.database().pollMillis())));
    }

    public static Path newDataDirectory() {
        try {
            return Files.createTempDirectory("vigil-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults, on a free port with this data directory, and webhook retries short enough for tests. */
    public static VigilConfig config(Path data) {
        var d = VigilConfig.defaults();
        var s = d.server();
        var w = d.webhooks();
        return d.withServer(new VigilConfig.Server("127.0.0.1", 0, data, s.maxUploadBytes(), s.maxZipBytes(), s.maxZipEntries()))
                .withEvents(d.events(), new VigilConfig.Webhooks(w.targets(), w.cooldownSeconds(), 2_000, 50, 400, w.giveUpHours()), d.mqtt());
    }

    @Override
    public void close() {
        vigil.close();
    }
}
