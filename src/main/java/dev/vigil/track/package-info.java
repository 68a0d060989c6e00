/**
 * Frames to tracks: faces of consecutive analysed frames of one stream are linked into tracks by box overlap and
 * embedding similarity, and each track keeps its best-quality face. Nothing here classifies: a server names tracks
 * against its gallery ({@code dev.vigil.stream}), an edge node would send the best faces' embeddings instead.
 */
package dev.vigil.track;
