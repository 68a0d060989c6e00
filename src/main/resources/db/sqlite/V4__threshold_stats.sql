-- One row per live decision, for threshold statistics: the best similarity, what was decided, and what an operator
-- later said about it. genuine: 1 = the face was the subject decided on, 0 = it was not, NULL = no feedback yet.
CREATE TABLE threshold_decisions (
    event_id            TEXT PRIMARY KEY,
    time                INTEGER NOT NULL,
    source              TEXT NOT NULL,
    stream              TEXT,
    decision            TEXT NOT NULL,
    subject_id          TEXT,
    similarity          REAL NOT NULL,
    feedback_correct    INTEGER,
    feedback_subject_id TEXT,
    genuine             INTEGER,
    feedback_at         INTEGER
);
