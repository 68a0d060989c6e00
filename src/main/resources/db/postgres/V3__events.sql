-- The event log, webhooks and the webhook outbox: the same portable SQL as db/sqlite/V3__events.sql.
CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    time_ms       BIGINT NOT NULL,
    source        TEXT NOT NULL,
    stream        TEXT,
    track_id      BIGINT NOT NULL,
    decision      TEXT NOT NULL,
    subject_id    TEXT,
    subject_name  TEXT,
    similarity    REAL NOT NULL,
    box_x1        REAL NOT NULL,
    box_y1        REAL NOT NULL,
    box_x2        REAL NOT NULL,
    box_y2        REAL NOT NULL,
    quality       REAL,
    liveness      REAL,
    snapshot      TEXT
);

CREATE INDEX events_by_time ON events(time_ms, id);
CREATE INDEX events_by_subject ON events(subject_name, time_ms);
CREATE INDEX events_by_stream ON events(stream, time_ms);

-- Webhooks added over the API (those from the config file are not stored).
CREATE TABLE webhooks (
    id               TEXT PRIMARY KEY,
    url              TEXT NOT NULL,
    secret           TEXT NOT NULL,
    decisions        TEXT NOT NULL,
    cooldown_seconds INTEGER NOT NULL,
    created_at       BIGINT NOT NULL
);

-- The webhook outbox: one row per event and target, written with the event, so nothing is lost on restart.
CREATE TABLE webhook_deliveries (
    event_id         TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    webhook_id       TEXT NOT NULL,
    url              TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_ms  BIGINT NOT NULL,
    last_http_status INTEGER,
    last_error       TEXT,
    delivered_at_ms  BIGINT,
    PRIMARY KEY (event_id, webhook_id)
);

CREATE INDEX deliveries_due ON webhook_deliveries(status, next_attempt_ms);
