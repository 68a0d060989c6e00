package dev.vigil.http;

import dev.vigil.Vigil;
import dev.vigil.config.VigilConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real {@code vigil serve} in this JVM, on a free port, with its own data directory and SQLite file. */
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
        try {
            Path data = Files.createTempDirectory("vigil-test-");
            var d = VigilConfig.defaults();
            var server = new VigilConfig.Server("127.0.0.1", 0, data, maxUploadBytes, maxZipBytes, maxZipEntries);
            return new TestServer(new VigilConfig(server, d.engine(), d.recognition(), d.enrollment(), d.database()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on the shared database at {@code dbUrl} (its own data directory all the same). */
    public static TestServer startOn(String dbUrl) {
        try {
            Path data = Files.createTempDirectory("vigil-test-");
            var d = VigilConfig.defaults();
            var server = new VigilConfig.Server("127.0.0.1", 0, data, 20L << 20, 100L << 20, 1000);
            var database = new VigilConfig.Database(dbUrl, 4, d.database().pollMillis());
            return new TestServer(new VigilConfig(server, d.engine(), d.recognition(), d.enrollment(), database));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        vigil.close();
    }
}
