package dev.vigil.cli;

import dev.vigil.engine.ImageException;
import dev.vigil.engine.ModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "Vigil 0.1.0",
        description = "Self-hosted, real-time face recognition.",
        subcommands = {ServeCommand.class, EnrollCommand.class, DetectCommand.class, CompareCommand.class, AnnotateCommand.class, BenchCommand.class,
                KeysCommand.class, EvalCommand.class, MigrateCommand.class, NodeCommand.class, NodesCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("vigil: " + userMessage(ex));
                    if (isBug(ex)) ex.printStackTrace(cmd.getErr());
                    return ex instanceof ModelException ? 3 : 1;
                })
                .execute(args);
    }

    /** Errors the user cannot fix get a stack trace too, for the bug report. */
    private static boolean isBug(Exception ex) {
        return ex instanceof NullPointerException || ex instanceof IllegalStateException || ex instanceof ClassCastException
                || ex instanceof IndexOutOfBoundsException;
    }

    private static String userMessage(Exception ex) {
        if (ex instanceof ModelException || ex instanceof ImageException || ex instanceof IllegalArgumentException
                || ex instanceof dev.vigil.store.StoreException) {
            return ex.getMessage();
        }
        if (ex instanceof java.net.BindException || ex.getCause() instanceof java.net.BindException) {
            return "cannot listen: the port is in use or the address is not local (" + ex.getMessage() + ")";
        }
        if (ex instanceof java.nio.file.NoSuchFileException e) return "no such file: " + e.getFile();
        if (ex instanceof java.io.IOException) return "I/O error: " + ex.getMessage();
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
}
