package dev.vigil.event;

import static dev.vigil.event.EventFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import dev.vigil.http.TestServer;
import dev.vigil.recognition.Decision;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The WebSocket feed with real WebSocket clients: per-stream subscriptions, frames or not, and a stalled viewer. */
class FaceFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static FrameEvent frame(String stream, RecognitionEvent... faces) {
        return new FrameEvent("stream", stream, EventBus.now(), List.of(faces));
    }

    @Test
    void viewersGetTheirStreamsWithOrWithoutFramesAndNoFaceFrames() {
        byte[] jpeg = TestFaces.bytes(TestFaces.sample(1));
        try (TestServer server = TestServer.start();
             FeedClient withFrames = FeedClient.connect(server.vigil.port(), "?streams=cam1");
             FeedClient withoutFrames = FeedClient.connect(server.vigil.port(), "?streams=cam1&frames=false");
             FeedClient everything = FeedClient.connect(server.vigil.port(), "")) {
            server.vigil.frames().add(s -> s.equals("cam1") ? Optional.of(jpeg) : Optional.empty());
            FaceFeed feed = server.vigil.eventOutputs().feed();
            await("three viewers are subscribed", WAIT, () -> feed.viewers() == 3);

            var bus = server.vigil.events();
            bus.publishFrame(frame("cam2", EventFixtures.streamEvent("cam2", 1, Decision.UNKNOWN, null, null)));
            bus.publishFrame(frame("cam1", EventFixtures.streamEvent("cam1", 4, Decision.PASS, "Ada", null),
                    EventFixtures.streamEvent("cam1", 5, Decision.UNKNOWN, null, null)));
            bus.publishFrame(frame("cam1"));
            await("cam1 viewers got both frames", WAIT, () -> withFrames.messages().size() == 2 && withoutFrames.messages().size() == 2);
            await("the all-streams viewer got all three", WAIT, () -> everything.messages().size() == 3);

            JsonNode faces = withFrames.messages().get(0);
            assertThat(faces.path("type").asText()).isEqualTo("face_event");
            assertThat(faces.path("stream").asText()).isEqualTo("cam1");
            assertThat(faces.path("status").asText()).isEqualTo("PASS");
            assertThat(faces.path("name").asText()).isEqualTo("Ada");
            assertThat(faces.path("distance").floatValue()).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(0.001f));
            assertThat(faces.path("box")).hasSize(4);
            assertThat(faces.path("timestamp").isIntegralNumber()).isTrue();
            assertThat(faces.path("faces")).hasSize(2);
            assertThat(faces.path("faces").get(1).path("status").asText()).isEqualTo("UNKNOWN");
            assertThat(faces.path("faces").get(1).path("track").asLong()).isEqualTo(5);
            assertThat(Base64.getDecoder().decode(faces.path("frame").asText())).isEqualTo(jpeg);

            JsonNode empty = withFrames.messages().get(1);
            assertThat(empty.path("status").asText()).isEqualTo("NO_FACE");
            assertThat(empty.path("faces")).isEmpty();
            assertThat(empty.path("name").isNull()).isTrue();

            assertThat(withoutFrames.messages()).allSatisfy(m -> assertThat(m.path("frame").isNull()).isTrue());
            assertThat(withoutFrames.messages().get(0).path("faces")).hasSize(2);
            assertThat(everything.messages().get(0).path("stream").asText()).isEqualTo("cam2");

            // An identify call is a frame too; only viewers of every stream see it.
            EventFixtures.identify(server, TestFaces.bytes(TestFaces.sample(3)));
            await("the identify call reached the all-streams viewer", WAIT, () -> everything.messages().size() == 4);
            JsonNode api = everything.messages().get(3);
            assertThat(api.path("source").asText()).isEqualTo("api");
            assertThat(api.path("faces")).hasSize(3);
            assertThat(api.path("frame").isNull()).isTrue();
            assertThat(withFrames.messages()).hasSize(2);

            // A viewer can change its subscription by message.
            withoutFrames.send("{\"streams\": [\"cam2\"], \"frames\": false}");
            await("the new subscription is in force", WAIT, () -> {
                bus.publishFrame(frame("cam2"));
                return withoutFrames.messages().size() > 2;
            });
            assertThat(withoutFrames.messages().getLast().path("stream").asText()).isEqualTo("cam2");
        }
    }

    @Test
    void aStalledViewerDoesNotDelayTheOthers() {
        byte[] bigFrame = new byte[256 * 1024];
        new Random(7).nextBytes(bigFrame);
        try (TestServer server = TestServer.start();
             FeedClient stalled = FeedClient.stalled(server.vigil.port(), "?streams=cam1");
             FeedClient reader = FeedClient.connect(server.vigil.port(), "?streams=cam1")) {
            server.vigil.frames().add(s -> Optional.of(bigFrame));
            FaceFeed feed = server.vigil.eventOutputs().feed();
            await("both viewers are subscribed", WAIT, () -> feed.viewers() == 2);

            var bus = server.vigil.events();
            for (int i = 0; i < 150; i++) {
                bus.publishFrame(frame("cam1", EventFixtures.streamEvent("cam1", i, Decision.UNKNOWN, null, null)));
            }
            // A marker frame, repeated until it arrives: the reader may skip frames, but must not wait on the stalled one.
            await("the reader got the marker frame", WAIT, () -> {
                bus.publishFrame(frame("cam1", EventFixtures.streamEvent("cam1", 1_000, Decision.UNKNOWN, null, null)));
                return reader.messages().stream().anyMatch(m -> m.path("faces").path(0).path("track").asLong() == 1_000);
            });
            assertThat(stalled.messages().size()).isLessThan(10);
            assertThat(feed.skipped()).as("the stalled viewer skipped messages").isPositive();
        }
    }
}
