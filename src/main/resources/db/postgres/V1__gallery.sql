CREATE TABLE subjects (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    metadata    TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE templates (
    id          TEXT PRIMARY KEY,
    subject_id  TEXT NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
    embedding   BYTEA NOT NULL,
    quality     REAL NOT NULL,
    source      TEXT,
    created_at  BIGINT NOT NULL,
    crop        BYTEA
);

CREATE INDEX templates_by_subject ON templates(subject_id);

-- Loading the index reads every embedding: keep them in the table's own pages (MAIN) and move the crops, already
-- JPEG-compressed, out of line uncompressed (EXTERNAL), so that a full load does not read the crops.
ALTER TABLE templates ALTER COLUMN embedding SET STORAGE MAIN;
ALTER TABLE templates ALTER COLUMN crop SET STORAGE EXTERNAL;

-- Every server's in-memory index follows this feed (PostgresStore.changed); seq is in commit order because writers
-- append under one transaction-scoped advisory lock.
CREATE TABLE gallery_changes (
    seq         BIGSERIAL PRIMARY KEY,
    kind        TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    template_id TEXT,
    changed_at  BIGINT NOT NULL
);
