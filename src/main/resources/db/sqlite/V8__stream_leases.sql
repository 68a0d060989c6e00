-- Which server runs which stream: a lease renewed by heartbeat; an expired one may be taken by another server.
CREATE TABLE stream_leases (
    stream_id   TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);
