/**
 * Recognition events and where they go: the durable event log, webhooks, the WebSocket feed and MQTT. Producers
 * (streams, the identify API, edge nodes) publish {@link dev.vigil.event.RecognitionEvent}s to an
 * {@link dev.vigil.event.EventSink} and never wait on a consumer.
 */
package dev.vigil.event;
