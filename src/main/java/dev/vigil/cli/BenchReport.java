package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one benchmark's section of a report (docs/BENCHMARKS.md, docs/RELIABILITY.md), replacing the previous run of
 * the same benchmark.
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static void writeSection(Path file, String name, String markdown) throws IOException {
        String begin = "<!-- bench:" + name + " -->", end = "<!-- /bench:" + name + " -->";
        String existing = Files.exists(file) ? Files.readString(file)
                : "# " + title(file) + "\n\nEach section is written by the command it names; rerun it to refresh the numbers.\n";
        String section = begin + "\n" + markdown.strip() + "\n" + end;
        int b = existing.indexOf(begin), e = existing.indexOf(end);
        String updated = b >= 0 && e > b
                ? existing.substring(0, b) + section + existing.substring(e + end.length())
                : existing.stripTrailing() + "\n\n" + section + "\n";
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, updated);
    }

    /** BENCHMARKS.md → Benchmarks: the heading of a report that does not exist yet. */
    private static String title(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.md$", "").toLowerCase(java.util.Locale.ROOT);
        return stem.isEmpty() ? "Report" : Character.toUpperCase(stem.charAt(0)) + stem.substring(1);
    }

    /** The 1-minute load average now: on a shared machine, whether the numbers measure Vigil or its neighbours. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** CPU model, cores, memory, JVM and OS: enough to compare runs across machines. */
    public static String machine() {
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

    /** 5.0 → "5", 2.5 → "2.5": option values as a user would type them. */
    static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
