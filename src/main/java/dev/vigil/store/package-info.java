/**
 * Durable storage behind one {@link dev.vigil.store.Store} interface: SQLite by default (WAL, one writer), with
 * versioned SQL migrations, so that a PostgreSQL implementation can replace it without touching callers.
 */
package dev.vigil.store;
