package dev.vigil.learning;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.Embedding;
import dev.vigil.engine.Face;
import dev.vigil.event.EventBus;
import dev.vigil.event.EventSink;
import dev.vigil.event.FrameEvent;
import dev.vigil.event.RecognitionEvent;
import dev.vigil.gallery.Gallery;
import dev.vigil.gallery.NewTemplate;
import dev.vigil.gallery.Subject;
import dev.vigil.gallery.Template;
import dev.vigil.liveness.TrackLiveness;
import dev.vigil.recognition.Decision;
import dev.vigil.store.Database;
import dev.vigil.track.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the learning rules to the gallery, for every stream: creates auto-profiles, learns best-N faces, counts
 * sightings, raises intruder alerts, records negative examples, and prunes on a schedule. Every gallery change is
 * audited by the gallery. Methods are safe for concurrent use by the streams' analysis threads and HTTP handlers.
 */
public final class Learner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);
    /** The name prefix of auto-profiles; an operator who renames one adopts it, and it is no longer pruned. */
    public static final String AUTO_PREFIX = "unknown-";

    private final VigilConfig.Learning config;
    private final Gallery gallery;
    private final LearningStore store;
    private final NegativeExamples negatives = new NegativeExamples();
    private final RecentProbes probes = new RecentProbes(10_000);
    private final IntruderWatch intruders;
    private final EventSink events;
    private final ScheduledExecutorService pruner;

    /** @param samePerson similarity at which two unnamed tracks count as one person (the accept threshold) */
    public Learner(VigilConfig.Learning config, Gallery gallery, Database db, EventSink events, float samePerson) {
        this.config = config;
        this.gallery = gallery;
        this.store = new LearningStore(db);
        this.events = events;
        this.intruders = new IntruderWatch(config.intruderSightings(), Duration.ofSeconds(config.intruderWindowSeconds()), samePerson);
        if (config.negativeExamples()) store.negatives().forEach(n -> negatives.add(n.subjectId(), n.embedding()));
        gallery.onErase(negatives::removeSubject);
        if (config.enabled()) {
            pruner = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "learning-prune");
                t.setDaemon(true);
                return t;
            });
            pruner.scheduleWithFixedDelay(this::pruneQuietly, config.pruneEverySeconds(), config.pruneEverySeconds(), TimeUnit.SECONDS);
        } else {
            pruner = null;
        }
    }

    public VigilConfig.Learning config() {
        return config;
    }

    /** The penalty recognition applies to candidates with negative examples. */
    public NegativeExamples negatives() {
        return negatives;
    }

    public RecentProbes probes() {
        return probes;
    }

    /**
     * A new per-stream learner (its tracks' liveness and faces); one per stream, used by its analysis thread.
     * {@code recognizer} tells whether a track's best faces already match someone.
     */
    public StreamLearner forStream(String stream, dev.vigil.recognition.Recognizer recognizer) {
        var rule = new TrackLiveness.Rule((long) (config.blinkWindowSeconds() * 1e9), config.blinkClosedRatio(),
                config.minBlinks(), config.passiveFloor());
        return new StreamLearner(this, recognizer, stream, rule);
    }

    /** Creates an auto-profile from a live unknown track's best faces; returns the subject. */
    Subject createProfile(String stream, long trackId, List<Face> faces, TrackLiveness liveness) {
        Subject s = gallery.create(AUTO_PREFIX + UUID.randomUUID().toString().substring(0, 8), Map.of("auto", "true"));
        store.addAutoProfile(s.id(), Instant.now());
        for (Face f : faces) {
            gallery.learn(s.id(), template(f, stream, trackId), null, Map.of("reason", "auto-profile", "quality", f.quality().score()));
        }
        gallery.audit("learning.profile.create", s.id(), Map.of("stream", stream, "track", trackId, "faces", faces.size(),
                "blinks", liveness.blinks(), "liveness", liveness.score()));
        LOG.info("learning: auto-profile {} from stream {} track {} ({} faces, {} blinks)", s.name(), stream, trackId,
                faces.size(), liveness.blinks());
        return s;
    }

    /** A track was named this subject: counts a sighting of an auto-profile. */
    void sighted(String subjectId) {
        store.sighted(subjectId, Instant.now());
    }

    boolean isAutoProfile(String subjectId) {
        return store.isAutoProfile(subjectId);
    }

    /**
     * Offers a live PASS track's best faces to its subject (auto-profiles always, enrolled subjects when
     * {@code learnManual}), each kept or refused by {@link BestTemplates}.
     */
    void learnFrom(String subjectId, boolean auto, List<Face> faces, String stream, long trackId) {
        if (!auto && !config.learnManual()) return;
        for (Face f : faces) offer(subjectId, f, template(f, stream, trackId));
    }

    /** Offers one face to a subject under the best-N rule; returns what was decided. */
    public BestTemplates.Verdict offer(String subjectId, Face face, NewTemplate template) {
        List<Template> current = gallery.store().templates(subjectId);
        var v = BestTemplates.decide(current, face.embedding(), template.quality(), config.maxTemplates(), config.agreementFloor());
        if (v.action() != BestTemplates.Verdict.Action.REFUSE) {
            gallery.learn(subjectId, template, v.templateId(), Map.of("reason", "best-n", "quality", template.quality()));
        }
        return v;
    }

    private static NewTemplate template(Face f, String stream, long trackId) {
        return new NewTemplate(f.embedding(), f.quality().score(), "stream:" + stream + "#" + trackId, f.alignedJpeg());
    }

    /** An unknown track was seen: raises an INTRUDER event, on the bus, when it makes the person an intruder. */
    void unknownSeen(String stream, Track track, String autoSubjectId, String name, float similarity, float liveness, byte[] snapshot) {
        if (config.intruderSightings() == 0) return;
        Instant now = EventBus.now();
        if (!intruders.add(new IntruderWatch.Sighting(now, autoSubjectId, track.best().embedding()))) return;
        Face best = track.best();
        var e = new RecognitionEvent(EventBus.newId(), now, "stream", stream, track.id(), Decision.INTRUDER, autoSubjectId,
                name, similarity, track.box(), best.quality() == null ? 0f : best.quality().score(), liveness, snapshot);
        probes.remember(e.id(), autoSubjectId, best.embedding());
        events.publish(e);
        events.publishFrame(new FrameEvent("stream", stream, now, List.of(e)));
    }

    /**
     * "This decision was not that person": the decision's face becomes a negative example of {@code subjectId}.
     * Empty when the face is no longer remembered (only recent decisions' faces are kept).
     */
    public Optional<String> notThisPerson(String eventId, String subjectId) {
        Optional<Embedding> face = probes.find(eventId).map(RecentProbes.Probe::face);
        if (face.isEmpty()) return Optional.empty();
        var n = store.addNegative(subjectId, face.get(), eventId, Instant.now());
        if (config.negativeExamples()) negatives.add(subjectId, face.get());
        gallery.audit("learning.negative.add", subjectId, Map.of("event_id", eventId, "negative_id", n.id()));
        return Optional.of(n.id());
    }

    /** What one prune run removed. */
    public record Pruned(List<String> profiles, List<String> templates) {
    }

    /**
     * Deletes auto-profiles past their grace period with too few sightings (unless an operator adopted them by
     * renaming), and learned templates below the quality floor; each removal is audited.
     */
    public synchronized Pruned prune(Instant now) {
        List<String> profiles = new java.util.ArrayList<>(), templates = new java.util.ArrayList<>();
        for (LearningStore.AutoProfile p : store.autoProfiles()) {
            Optional<Subject> s = gallery.store().findSubject(p.subjectId());
            if (s.isEmpty() || !s.get().name().startsWith(AUTO_PREFIX)) continue;
            boolean graceOver = !p.createdAt().plusSeconds(config.pruneGraceSeconds()).isAfter(now);
            if (graceOver && p.sightings() < config.pruneMinSightings() && gallery.delete(p.subjectId())) {
                var detail = new LinkedHashMap<String, Object>();
                detail.put("name", s.get().name());
                detail.put("sightings", p.sightings());
                detail.put("created_at", p.createdAt().toString());
                gallery.audit("learning.profile.prune", null, detail);
                profiles.add(s.get().name());
                continue;
            }
            for (Template t : gallery.store().templates(p.subjectId())) {
                if (t.quality() < config.minQuality() && gallery.deleteTemplate(p.subjectId(), t.id())) {
                    gallery.audit("learning.template.prune", p.subjectId(), Map.of("template_id", t.id(), "quality", t.quality()));
                    templates.add(t.id());
                }
            }
        }
        if (!profiles.isEmpty() || !templates.isEmpty()) LOG.info("learning: pruned profiles {} and {} templates", profiles, templates.size());
        return new Pruned(profiles, templates);
    }

    private void pruneQuietly() {
        try {
            prune(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("learning: prune failed", e);
        }
    }

    @Override
    public void close() {
        if (pruner != null) pruner.shutdownNow();
    }
}
