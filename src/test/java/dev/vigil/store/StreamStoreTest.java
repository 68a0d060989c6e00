package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.stream.StreamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Streams persist across restarts of the store. */
class StreamStoreTest {

    @Test
    void streamsSurviveReopeningAndCanBeReplacedAndDeleted() throws Exception {
        Path db = Files.createTempDirectory("vigil-streams-").resolve("vigil.db");
        var door = new StreamSpec("id-1", "door", "rtsp://10.0.0.5/stream1", 5, 0.5, false, "udp", true);
        var file = new StreamSpec("id-2", "file", "/videos/a.mp4", 2, 1, true, null, false);
        try (SqliteStore s = SqliteStore.open(db)) {
            s.saveStream(door);
            s.saveStream(file);
            assertThatThrownBy(() -> s.saveStream(new StreamSpec("id-3", "door", "/x.mp4", 1, 1, false, null, true)))
                    .isInstanceOf(StoreException.class);
        }
        try (SqliteStore s = SqliteStore.open(db)) {
            assertThat(s.streams()).containsExactly(door, file);
            var moved = new StreamSpec("id-1", "front door", "rtsp://10.0.0.6/stream1", 4, 1, false, "tcp", true);
            s.saveStream(moved);
            assertThat(s.deleteStream("id-2")).isTrue();
            assertThat(s.deleteStream("id-2")).isFalse();
            assertThat(s.streams()).containsExactly(moved);
        }
    }
}
