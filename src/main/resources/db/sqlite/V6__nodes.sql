-- Edge nodes' tokens: only the SHA-256 of each is kept, so a copy of the database holds no usable token.
CREATE TABLE node_tokens (
    name        TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
