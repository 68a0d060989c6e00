package dev.vigil.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestFaces;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.Face;
import dev.vigil.http.TestServer;
import dev.vigil.liveness.TrackLiveness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prune job on real faces: a profile seen once goes after its grace period, one seen twice stays. */
class PruneTest {

    @Test
    void aProfileSeenOnceIsPrunedAfterItsGracePeriodAndTheRemovalIsAudited() {
        var c = TestServer.config(TestServer.newDataDirectory());
        try (TestServer server = TestServer.start(c)) {
            Learner learner = server.vigil.learner();
            long grace = learner.config().pruneGraceSeconds();
            List<Face> once = TestFaces.analyze(TestFaces.sample(1), AnalyzeOptions.ENROLL).faces().subList(0, 1);
            List<Face> twice = TestFaces.analyze(TestFaces.sample(2), AnalyzeOptions.ENROLL).faces().subList(0, 1);
            var live = new TrackLiveness(new TrackLiveness.Rule(1, 0.75f, 0, 0f));
            var seenOnce = learner.createProfile("test", 1, once, live);
            var seenTwice = learner.createProfile("test", 2, twice, live);
            learner.sighted(seenTwice.id());

            assertThat(learner.prune(Instant.now()).profiles()).as("within the grace period").isEmpty();
            var pruned = learner.prune(Instant.now().plusSeconds(grace + 1));
            assertThat(pruned.profiles()).containsExactly(seenOnce.name());
            assertThat(server.vigil.gallery().store().findSubject(seenOnce.id())).isEmpty();
            assertThat(server.vigil.gallery().store().findSubject(seenTwice.id())).isPresent();
            assertThat(server.vigil.gallery().store().auditLog(0, 50, null)).anyMatch(a -> a.action().equals("learning.profile.prune")
                    && a.detail().contains(seenOnce.name()) && a.subjectId() == null);
        }
    }
}
