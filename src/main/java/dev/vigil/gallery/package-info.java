/**
 * The gallery: people ("subjects") and their face templates, enrolment from images and ZIP archives, kept in step
 * between the durable store and the in-memory search index.
 */
package dev.vigil.gallery;
