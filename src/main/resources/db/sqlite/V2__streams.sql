CREATE TABLE streams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    url         TEXT NOT NULL,
    fps         REAL NOT NULL,
    scale       REAL NOT NULL,
    loop        INTEGER NOT NULL,
    transport   TEXT NOT NULL,
    enabled     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
