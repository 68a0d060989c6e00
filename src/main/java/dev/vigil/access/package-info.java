/**
 * Who may do what: API keys with roles (stored as hashes), dashboard sessions, the audit trail of gallery changes,
 * and rate limits. The HTTP layer asks {@link dev.vigil.access.AccessRules} which role a request needs and
 * {@link dev.vigil.access.ApiKeys} who is asking.
 */
package dev.vigil.access;
