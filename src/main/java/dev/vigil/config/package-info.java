/**
 * Vigil's configuration: one tree of records with defaults that work on a fresh machine and range checks in their
 * constructors, read from an optional JSON file, then {@code VIGIL_*} environment variables, then command-line flags.
 */
package dev.vigil.config;
