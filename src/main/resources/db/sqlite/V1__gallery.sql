CREATE TABLE subjects (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    metadata    TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE templates (
    id          TEXT PRIMARY KEY,
    subject_id  TEXT NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
    embedding   BLOB NOT NULL,
    quality     REAL NOT NULL,
    source      TEXT,
    created_at  INTEGER NOT NULL,
    crop        BLOB
);

CREATE INDEX templates_by_subject ON templates(subject_id);
