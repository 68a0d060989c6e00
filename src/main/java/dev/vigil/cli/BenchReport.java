package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Writes one benchmark's section of docs/BENCHMARKS.md, replacing the previous run of the same benchmark. */
final class BenchReport {
    private BenchReport() {
    }

    static void writeSection(Path file, String name, String markdown) throws IOException {
        String begin = "<!-- bench:" + name + " -->", end = "<!-- /bench:" + name + " -->";
        String existing = Files.exists(file) ? Files.readString(file)
                : "# Benchmarks\n\nEach section is written by the command it names; rerun it to refresh the numbers.\n";
        String section = begin + "\n" + markdown.strip() + "\n" + end;
        int b = existing.indexOf(begin), e = existing.indexOf(end);
        String updated = b >= 0 && e > b
                ? existing.substring(0, b) + section + existing.substring(e + end.length())
                : existing.stripTrailing() + "\n\n" + section + "\n";
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, updated);
    }

    /** CPU model, cores, memory, JVM and OS: enough to compare runs across machines. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: the rest still identifies the machine
        }
        long memGb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() >> 30;
        // The load at start says whether other work shared the cores during the run.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memGb + " GiB RAM, Java "
                + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + String.format(", 1-min load average at start %.2f", load);
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
