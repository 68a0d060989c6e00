package dev.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil bench ...}: benchmarks that write their tables to docs/BENCHMARKS.md. */
@Command(name = "bench", description = "Run a benchmark and write its table to docs/BENCHMARKS.md.",
        subcommands = {EngineBench.class, IdentifyBench.class, StreamsBench.class, PostgresBench.class, NodesBench.class})
final class BenchCommand {
}
