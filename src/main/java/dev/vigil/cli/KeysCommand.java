package dev.vigil.cli;

import dev.vigil.access.Actor;
import dev.vigil.access.ApiKey;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vigil keys create|list|revoke}: API keys, written straight into the configured database (the data
 * directory's SQLite file, or PostgreSQL with {@code VIGIL_DB}); a running server sees a new or revoked key on its
 * next request.
 */
@Command(name = "keys", description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {
    @Mixin
    DatabaseOptions database;

    @Command(name = "create", description = "Create a key and print its secret (shown only this once).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--role", defaultValue = "admin", description = "admin, recognize or view (default ${DEFAULT-VALUE}).")
        String role;

        @Override
        public Integer call() throws Exception {
            try (Store store = parent.database.open()) {
                ApiKeys.Issued issued = new ApiKeys(store, null).create(name, Role.parse(role));
                store.audit(Actor.current(), "key.create", null, "{\"name\":\"" + name + "\",\"role\":\"" + issued.key().role().label() + "\"}");
                System.err.printf("created key '%s' with role %s; its secret is shown only now:%n", name, issued.key().role().label());
                System.out.println(issued.secret());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List keys (names and roles; secrets are not stored).")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Override
        public Integer call() throws Exception {
            try (Store store = parent.database.open()) {
                for (ApiKey k : store.listApiKeys()) System.out.printf("%-24s %-10s %s%n", k.name(), k.role().label(), k.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key at once.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Store store = parent.database.open()) {
                if (!store.deleteApiKey(name)) throw new IllegalArgumentException("there is no key named '" + name + "'");
                store.audit(Actor.current(), "key.revoke", null, "{\"name\":\"" + name + "\"}");
                System.err.println("revoked key '" + name + "'");
            }
            return 0;
        }
    }
}
