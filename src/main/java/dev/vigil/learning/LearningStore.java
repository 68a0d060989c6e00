package dev.vigil.learning;

import dev.vigil.engine.Embedding;
import dev.vigil.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The learning tables (V7): auto-profiles with their sightings, and negative examples. Rows of a deleted subject go
 * with it (ON DELETE CASCADE), so erasure and merge need nothing here.
 */
final class LearningStore {

    record AutoProfile(String subjectId, Instant createdAt, int sightings, Instant lastSeen) {
    }

    record Negative(String id, String subjectId, Embedding embedding, String eventId) {
    }

    private final Database db;

    LearningStore(Database db) {
        this.db = db;
    }

    void addAutoProfile(String subjectId, Instant now) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auto_profiles (subject_id, created_at, sightings, last_seen) VALUES (?, ?, 1, ?)")) {
                ps.setString(1, subjectId);
                ps.setLong(2, now.toEpochMilli());
                ps.setLong(3, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** One more sighting of an auto-profile; false when the subject is not one. */
    boolean sighted(String subjectId, Instant now) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auto_profiles SET sightings = sightings + 1, last_seen = ? WHERE subject_id = ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, subjectId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    boolean isAutoProfile(String subjectId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM auto_profiles WHERE subject_id = ?")) {
                ps.setString(1, subjectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    List<AutoProfile> autoProfiles() {
        return db.read(c -> {
            List<AutoProfile> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT subject_id, created_at, sightings, last_seen FROM auto_profiles ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AutoProfile(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return out;
        });
    }

    Negative addNegative(String subjectId, Embedding embedding, String eventId, Instant now) {
        String id = UUID.randomUUID().toString();
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO negative_examples (id, subject_id, embedding, event_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, subjectId);
                ps.setBytes(3, embedding.toBytes());
                ps.setString(4, eventId);
                ps.setLong(5, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
        return new Negative(id, subjectId, embedding, eventId);
    }

    List<Negative> negatives() {
        return db.read(c -> {
            List<Negative> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, subject_id, embedding, event_id FROM negative_examples");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Negative(rs.getString(1), rs.getString(2), Embedding.fromBytes(rs.getBytes(3)), rs.getString(4)));
            }
            return out;
        });
    }
}
