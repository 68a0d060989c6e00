package dev.vigil.cli;

import dev.vigil.access.Actor;
import dev.vigil.config.VigilConfig;
import dev.vigil.store.JdbcStore;
import dev.vigil.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --data} and {@code --config} for commands that change the server's database directly (keys, node tokens):
 * they open the database the server is configured with, SQLite in the data directory or PostgreSQL with
 * {@code VIGIL_DB}, and act (and are audited) as "cli". Inherited, so they may follow the subcommand too.
 */
final class DatabaseOptions {
    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "The server's data directory (default ./data, or $VIGIL_DATA).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT)
    Path config;

    JdbcStore open() throws IOException {
        var flags = new HashMap<String, Object>();
        flags.put("server.data", data);
        VigilConfig cfg = ServeCommand.load(config, flags);
        Files.createDirectories(cfg.server().data());
        Actor.set("cli");
        return Stores.open(cfg.database(), cfg.server().data());
    }
}
