package dev.vigil.stream;

import dev.vigil.config.VigilConfig;
import dev.vigil.learning.Learner;
import dev.vigil.learning.StreamLearner;
import dev.vigil.engine.AnalyzeOptions;
import dev.vigil.engine.BoundingBox;
import dev.vigil.event.EventBus;
import dev.vigil.event.EventSink;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.recognition.Decision;
import dev.vigil.recognition.Recognizer;
import dev.vigil.track.Track;
import java.util.function.Function;

/**
 * The server's track step: each frame of a track is identified against the gallery, the track is named by
 * {@link TrackNamer}'s vote, and each change of decision is published, a repeated PASS only after the cooldown.
 */
public final class LocalClassifier implements TrackStep {
    private final String stream;
    private final Recognizer recognizer;
    private final EventSink events;
    private final TrackNamer namer;
    private final Cooldown cooldown;
    private final StreamLearner learning;
    private final AnalyzeOptions analysis;

    LocalClassifier(String stream, Recognizer recognizer, EventSink events, VigilConfig.Streams settings,
                    StreamLearner learning, AnalyzeOptions analysis) {
        this.stream = stream;
        this.recognizer = recognizer;
        this.events = events;
        this.namer = new TrackNamer(settings.voteMinFrames(), settings.voteMinShare(), settings.voteWindow());
        this.cooldown = new Cooldown(settings.cooldownSeconds());
        this.learning = learning;
        this.analysis = analysis;
    }

    /**
     * The server's streams. Liveness needs the passive model and learning keeps crops: both cost model time, so faces
     * get them only when learning is on.
     */
    public static TrackStep.Factory factory(Recognizer recognizer, EventSink events, VigilConfig.Streams settings, Learner learner) {
        AnalyzeOptions analysis = learner.config().enabled() ? AnalyzeOptions.ENROLL : AnalyzeOptions.EMBED;
        return spec -> new LocalClassifier(spec.name(), recognizer, events, settings, learner.forStream(spec.name(), recognizer),
                analysis);
    }

    @Override
    public AnalyzeOptions analysis() {
        return analysis;
    }

    @Override
    public void seen(Track t, long frameNanos, Function<BoundingBox, byte[]> snapshot) {
        TrackNamer.Change c = namer.observe(t.id(), recognizer.identify(t.latest()));
        if (c != null) publish(t, c, snapshot);
        PersonInView v = view(t);
        learning.seen(t, frameNanos, v.decision(), v.subjectId(), v.name(), v.confidence(), () -> snapshot.apply(t.box()));
    }

    private void publish(Track t, TrackNamer.Change c, Function<BoundingBox, byte[]> snapshot) {
        if (c.decision() == Decision.PASS && !cooldown.allow(c.subjectId(), System.nanoTime())) return;
        var best = t.best();
        var event = new RecognitionEvent(EventBus.newId(), EventBus.now(), "stream", stream, t.id(), c.decision(),
                c.subjectId(), c.name(), c.similarity(), t.box(), best.quality() == null ? 0f : best.quality().score(),
                learning.liveness(t), snapshot.apply(t.box()));
        learning.remember(event.id(), c.subjectId(), best.embedding());
        events.publish(event);
    }

    @Override
    public void ended(Track t) {
        namer.end(t.id());
        learning.ended(t);
    }

    @Override
    public PersonInView view(Track t) {
        return namer.view(t.id(), t.box());
    }
}
