package dev.vigil.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.bytedeco.javacpp.Pointer;

/**
 * Where this process's memory is. The heap alone does not show a leak here: decoded frames live in OpenCV and FFmpeg
 * (JavaCPP) memory and inference in ONNX Runtime's own allocations, which only the resident set sees.
 */
public final class ProcessMemory {
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    private ProcessMemory() {
    }

    /** Resident set (VmRSS), every byte the process holds in RAM; 0 where /proc is absent. */
    public static long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    public static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Native memory JavaCPP has allocated and not yet freed (frames, Mats); ONNX Runtime's is not counted. */
    public static long javacppBytes() {
        return Pointer.totalBytes();
    }

    /**
     * The JVM's own committed memory (heap, metaspace, threads, code, GC) from Native Memory Tracking, when the JVM was
     * started with {@code -XX:NativeMemoryTracking=summary}; empty otherwise.
     */
    public static Optional<Long> nmtCommittedBytes() {
        try {
            String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Matcher m = NMT_TOTAL.matcher(summary);
            return m.find() ? Optional.of(Long.parseLong(m.group(2)) * 1024) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // NMT off, or no DiagnosticCommand MBean on this JVM
        }
    }
}
