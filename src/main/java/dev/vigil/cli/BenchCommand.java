package dev.vigil.cli;

import picocli.CommandLine.Command;

/**
 * {@code vigil bench ...}: benchmarks that write their tables to docs/BENCHMARKS.md (speed) or docs/RELIABILITY.md
 * (load and soak).
 */
@Command(name = "bench", description = "Run a benchmark and write its table to docs/BENCHMARKS.md or docs/RELIABILITY.md.",
        subcommands = {EngineBench.class, IdentifyBench.class, StreamsBench.class, PostgresBench.class, NodesBench.class, SoakBench.class,
                LoadBench.class})
final class BenchCommand {
}
