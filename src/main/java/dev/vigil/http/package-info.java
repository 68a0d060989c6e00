/**
 * The HTTP edge (Javalin): routes grouped by resource, JSON views of domain records, the one place where exceptions
 * become {@code {"error": code, "message": text}} responses, and Prometheus metrics.
 */
package dev.vigil.http;
