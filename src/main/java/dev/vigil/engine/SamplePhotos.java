package dev.vigil.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Six real group photos (1920 px wide, 22 or 23 faces in all) from the npm package {@code @vladmandic/face-api@1.7.15}
 * (MIT), pinned by SHA-256 and cached beside the models. They let benchmarks and tests run on real faces on a
 * machine with nothing but npm.
 */
public final class SamplePhotos {
    private static final String[] SHA256 = {
            "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51",
            "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691",
            "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936",
            "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc",
            "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938",
            "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87"};

    private static final NpmPackage PACKAGE = new NpmPackage("@vladmandic/face-api@1.7.15",
            IntStream.range(0, SHA256.length)
                    .mapToObj(i -> new NpmPackage.PinnedFile("package/demo/sample" + (i + 1) + ".jpg", SHA256[i]))
                    .toList());

    private SamplePhotos() {
    }

    /** sample1.jpg .. sample6.jpg, fetched once. */
    public static List<Path> ensure() {
        return List.copyOf(PACKAGE.ensure(Models.cacheRoot().resolve("samples")).values());
    }
}
