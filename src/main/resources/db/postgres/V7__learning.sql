-- Subjects Vigil created by itself from a live, unknown track, and how often each has been seen since.
CREATE TABLE auto_profiles (
    subject_id  TEXT PRIMARY KEY REFERENCES subjects(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    sightings   INTEGER NOT NULL,
    last_seen   BIGINT NOT NULL
);

-- Faces an operator said are NOT this subject; they lower the subject's score for similar faces.
CREATE TABLE negative_examples (
    id          TEXT PRIMARY KEY,
    subject_id  TEXT NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
    embedding   BYTEA NOT NULL,
    event_id    TEXT,
    created_at  BIGINT NOT NULL
);

CREATE INDEX negative_examples_by_subject ON negative_examples(subject_id);
