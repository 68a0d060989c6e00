-- loop and enabled are INTEGER 0/1 as in SQLite, so one SQL (and vigil migrate) serves both.
CREATE TABLE streams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    url         TEXT NOT NULL,
    fps         DOUBLE PRECISION NOT NULL,
    scale       DOUBLE PRECISION NOT NULL,
    loop        INTEGER NOT NULL,
    transport   TEXT NOT NULL,
    enabled     INTEGER NOT NULL,
    created_at  BIGINT NOT NULL
);
