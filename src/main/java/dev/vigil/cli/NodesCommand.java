package dev.vigil.cli;

import dev.vigil.access.Actor;
import dev.vigil.node.NodeTokens;
import dev.vigil.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vigil nodes token create|revoke|list}: edge nodes' tokens, written straight into the server's database (a
 * running server sees the change on the node's next request).
 */
@Command(name = "nodes", description = "Manage edge nodes.", subcommands = NodesCommand.Token.class)
final class NodesCommand {
    @Mixin
    DatabaseOptions database;

    @Command(name = "token", description = "Create, revoke and list node tokens.",
            subcommands = {Token.Create.class, Token.Revoke.class, Token.ListTokens.class})
    static final class Token {
        @ParentCommand
        NodesCommand nodes;

        @Command(name = "create", description = "Create a node's token and print it (shown only this once).")
        static final class Create implements Callable<Integer> {
            @ParentCommand
            Token parent;

            @Parameters(paramLabel = "NAME")
            String name;

            @Override
            public Integer call() throws Exception {
                try (Store store = parent.nodes.database.open()) {
                    String token = new NodeTokens(store).create(name);
                    store.audit(Actor.current(), "node.token.create", null, "{\"name\":\"" + name + "\"}");
                    System.err.printf("created a token for node '%s'; it is shown only now:%n", name);
                    System.out.println(token);
                }
                return 0;
            }
        }

        @Command(name = "revoke", description = "Revoke a node's token at once.")
        static final class Revoke implements Callable<Integer> {
            @ParentCommand
            Token parent;

            @Parameters(paramLabel = "NAME")
            String name;

            @Override
            public Integer call() throws Exception {
                try (Store store = parent.nodes.database.open()) {
                    if (!new NodeTokens(store).revoke(name)) throw new IllegalArgumentException("node '" + name + "' has no token");
                    store.audit(Actor.current(), "node.token.revoke", null, "{\"name\":\"" + name + "\"}");
                    System.err.println("revoked the token of node '" + name + "'");
                }
                return 0;
            }
        }

        @Command(name = "list", description = "List the nodes that hold a token.")
        static final class ListTokens implements Callable<Integer> {
            @ParentCommand
            Token parent;

            @Override
            public Integer call() throws Exception {
                try (Store store = parent.nodes.database.open()) {
                    new NodeTokens(store).nodes().forEach(System.out::println);
                }
                return 0;
            }
        }
    }
}
