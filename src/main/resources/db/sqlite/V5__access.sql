CREATE TABLE api_keys (
    name        TEXT PRIMARY KEY,
    role        TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    subject_id  TEXT,
    detail      TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_by_subject ON audit(subject_id);
