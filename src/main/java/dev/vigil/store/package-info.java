/**
 * Durable storage: the gallery ({@link dev.vigil.store.Store}), the event log and the decision log, each written once
 * in SQL that SQLite and PostgreSQL both run ({@link dev.vigil.store.JdbcStore}, {@link dev.vigil.store.JdbcEventStore},
 * {@link dev.vigil.store.DecisionLog}) over a {@link dev.vigil.store.Database}: SQLite in the data directory by default
 * (WAL, one writer), or PostgreSQL shared by several servers. Each dialect has its versioned migrations.
 */
package dev.vigil.store;
