package dev.vigil.stream;

import dev.vigil.config.VigilConfig;
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
final class LocalClassifier implements TrackStep {
    private final String stream;
    private final Recognizer recognizer;
    private final EventSink events;
    private final TrackNamer namer;
    private final Cooldown cooldown;

    LocalClassifier(String stream, Recognizer recognizer, EventSink events, VigilConfig.Streams settings) {
        this.stream = stream;
        this.recognizer = recognizer;
        this.events = events;
        this.namer = new TrackNamer(settings.voteMinFrames(), settings.voteMinShare(), settings.voteWindow());
        this.cooldown = new Cooldown(settings.cooldownSeconds());
    }

    static TrackStep.Factory factory(Recognizer recognizer, EventSink events, VigilConfig.Streams settings) {
        return spec -> new LocalClassifier(spec.name(), recognizer, events, settings);
    }

    @Override
    public AnalyzeOptions analysis() {
        return AnalyzeOptions.EMBED;
    }

    @Override
    public void seen(Track t, Function<BoundingBox, byte[]> snapshot) {
        TrackNamer.Change c = namer.observe(t.id(), recognizer.identify(t.latest()));
        if (c == null) return;
        if (c.decision() == Decision.PASS && !cooldown.allow(c.subjectId(), System.nanoTime())) return;
        var best = t.best();
        events.publish(new RecognitionEvent(EventBus.newId(), EventBus.now(), "stream", stream, t.id(), c.decision(),
                c.subjectId(), c.name(), c.similarity(), t.box(), best.quality() == null ? 0f : best.quality().score(),
                best.liveness(), snapshot.apply(t.box())));
    }

    @Override
    public void ended(Track t) {
        namer.end(t.id());
    }

    @Override
    public PersonInView view(Track t) {
        return namer.view(t.id(), t.box());
    }
}
