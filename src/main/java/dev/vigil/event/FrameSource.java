package dev.vigil.event;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The latest (annotated) JPEG of a stream, for WebSocket viewers that asked for frames. Must return quickly. */
@FunctionalInterface
public interface FrameSource {
    Optional<byte[]> latestJpeg(String stream);

    /**
     * The frame sources of a running server: whoever owns streams adds one; the first that has a frame answers.
     */
    final class Registry implements FrameSource {
        private final List<FrameSource> sources = new CopyOnWriteArrayList<>();

        public void add(FrameSource source) {
            sources.add(source);
        }

        @Override
        public Optional<byte[]> latestJpeg(String stream) {
            for (FrameSource s : sources) {
                Optional<byte[]> jpeg = s.latestJpeg(stream);
                if (jpeg.isPresent()) return jpeg;
            }
            return Optional.empty();
        }
    }
}
