package dev.vigil.stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.TestFaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The ffmpeg program that ships inside bytedeco's FFmpeg jar, and the test clip. */
public final class FfmpegProgram {
    private static String path;

    private FfmpegProgram() {
    }

    public static synchronized String path() {
        if (path == null) {
            try {
                path = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            } catch (UnsatisfiedLinkError e) {
                assumeTrue(false, "skipped: FFmpeg natives do not load (" + e.getMessage()
                        + "); on Debian: apt-get install libpulse0");
            }
        }
        return path;
    }

    /** A process builder for ffmpeg with these arguments; the program finds its libraries next to itself. */
    static ProcessBuilder command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(path(), "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(args);
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("LD_LIBRARY_PATH", Path.of(path()).getParent().toString());
        return pb;
    }

    static void run(String... args) throws IOException, InterruptedException {
        Process p = command(List.of(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("ffmpeg failed: " + out);
    }

    /**
     * ../shared/video/short_hamilton_clip.mp4 (Lin-Manuel Miranda, then the audience), or, when ../shared is absent, a
     * 6 s clip made of the npm sample photos, 1 s each.
     */
    static Path clip() throws IOException, InterruptedException {
        Path shared = TestFaces.shared().resolve("video/short_hamilton_clip.mp4");
        if (Files.isRegularFile(shared)) return shared;
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "vigil-samples-clip.mp4");
        if (Files.isRegularFile(out)) return out;
        List<String> args = new ArrayList<>();
        for (Path p : TestFaces.samples()) args.addAll(List.of("-loop", "1", "-t", "1", "-framerate", "10", "-i", p.toString()));
        StringBuilder filter = new StringBuilder();
        int n = TestFaces.samples().size();
        for (int i = 0; i < n; i++) filter.append("[").append(i).append(":v]scale=960:640,setsar=1[v").append(i).append("];");
        for (int i = 0; i < n; i++) filter.append("[v").append(i).append("]");
        filter.append("concat=n=").append(n).append(":v=1:a=0[out]");
        args.addAll(List.of("-filter_complex", filter.toString(), "-map", "[out]", "-c:v", "mpeg4", "-q:v", "3", out.toString()));
        run(args.toArray(String[]::new));
        return out;
    }
}
