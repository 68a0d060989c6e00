-- One row per live decision, for threshold statistics (see db/sqlite/V4). Flags are INTEGER 0/1 as in SQLite.
CREATE TABLE threshold_decisions (
    event_id            TEXT PRIMARY KEY,
    time                BIGINT NOT NULL,
    source              TEXT NOT NULL,
    stream              TEXT,
    decision            TEXT NOT NULL,
    subject_id          TEXT,
    similarity          REAL NOT NULL,
    feedback_correct    INTEGER,
    feedback_subject_id TEXT,
    genuine             INTEGER,
    feedback_at         BIGINT
);
