/**
 * Recognition events and where they go: the durable event log with its webhook outbox ({@code EventRecorder},
 * {@link dev.vigil.event.EventStore}), webhook delivery ({@code WebhookDispatcher}), the WebSocket feed
 * ({@link dev.vigil.event.FaceFeed}) and MQTT ({@code MqttPublisher}), all started by
 * {@link dev.vigil.event.EventOutputs}. Producers (streams, the identify API, edge nodes) publish
 * {@link dev.vigil.event.RecognitionEvent}s and {@link dev.vigil.event.FrameEvent}s to an
 * {@link dev.vigil.event.EventSink} and never wait on a consumer: each consumer has its own bounded queue.
 * Payloads are documented in docs/EVENTS.md.
 */
package dev.vigil.event;
