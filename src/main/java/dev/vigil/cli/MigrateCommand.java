package dev.vigil.cli;

import dev.vigil.config.VigilConfig;
import dev.vigil.store.StoreCopy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil migrate --to postgres://...}: moves a single-server SQLite installation to a shared PostgreSQL. */
@Command(name = "migrate", description = "Copy the SQLite gallery in the data directory into an empty PostgreSQL "
        + "database and check the row counts. Stop the server first; start servers on the new database after.")
final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "Target PostgreSQL: postgres://user@host/db or jdbc:postgresql://...")
    String to;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory holding vigil.db (default ./data, or $VIGIL_DATA).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (or $VIGIL_CONFIG).")
    Path config;

    @Override
    public Integer call() {
        var flags = new HashMap<String, Object>();
        flags.put("server.data", data);
        VigilConfig cfg = ServeCommand.load(config, flags);
        Path file = cfg.server().data().resolve("vigil.db");
        Map<String, Long> copied = StoreCopy.copy(file, to);
        copied.forEach((table, rows) -> System.out.printf("%-20s %,d rows copied, counts match%n", table, rows));
        return 0;
    }
}
