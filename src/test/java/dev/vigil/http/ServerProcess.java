package dev.vigil.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil serve} as a real operating-system process on this JVM's classpath, for tests that kill it with SIGKILL.
 * Its output goes to a log file that an assertion shows when the process dies early.
 */
public final class ServerProcess implements AutoCloseable {
    public final int port;
    public final Http http;
    private final Process process;
    private final Path log;

    private ServerProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.http = new Http(port);
    }

    /** Starts {@code vigil serve --port P --data DIR} plus {@code extraArgs} and waits until /health answers. */
    public static ServerProcess start(int port, Path data, Path logs, String... extraArgs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = logs.resolve("server-" + System.nanoTime() + ".log");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.Main",
                "serve", "--port", String.valueOf(port), "--data", data.toString()));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var server = new ServerProcess(port, p, log);
        server.waitUntilUp();
        return server;
    }

    private void waitUntilUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("server exited with " + process.exitValue() + ":\n" + log());
            try {
                if (http.get("/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("server did not start on port " + port + ":\n" + log());
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("server did not die");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }

    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
