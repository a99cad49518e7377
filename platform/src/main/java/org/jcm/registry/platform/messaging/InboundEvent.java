package org.jcm.registry.platform.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A CloudEvent as a consumer sees it: its attributes and its JSON body, not yet bound to a record. */
public record InboundEvent(UUID id, String source, String type, String subject, Instant time, JsonNode data) {}
