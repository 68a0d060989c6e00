/**
 * Live video: per stream a grabber thread that decodes continuously into a latest-frame slot, one analysis pool
 * shared fairly by all streams, tracking ({@code dev.vigil.track}) and naming by vote, cooldown on repeated PASS
 * events, and the annotated JPEG of each analysed frame for viewers. Knows nothing of HTTP.
 */
package dev.vigil.stream;
