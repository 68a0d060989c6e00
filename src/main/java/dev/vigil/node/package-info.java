/**
 * Edge nodes and the central side that serves them (seed 001). A node ({@link dev.vigil.node.EdgeNode}) runs the
 * stream pipeline of {@code dev.vigil.stream} next to its cameras, but instead of classifying sends each track's best
 * face as an {@link dev.vigil.node.Observation}: embedding, box, quality, liveness, eye state; never a picture. It
 * buffers on disk while the centre is away. The centre ({@link dev.vigil.node.NodeCentral}) authenticates nodes by
 * token, drains them fairly ({@link dev.vigil.node.FairQueue}), classifies with the server's recognizer, vote and
 * cooldown, and publishes the decisions as events like its own streams'. NATS JetStream can carry the observations
 * instead of HTTP, to share them among several central servers.
 */
package dev.vigil.node;
