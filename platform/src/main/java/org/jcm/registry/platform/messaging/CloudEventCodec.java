package org.jcm.registry.platform.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes and reads CloudEvents 1.0 in structured JSON mode: the whole event, attributes and JSON body, is the
 * Kafka record value. The event id is the idempotency key end to end.
 */
@ApplicationScoped
public class CloudEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    /** The header that marks a binary-mode CloudEvent on Kafka. */
    public static final String BINARY_SPECVERSION = "ce_specversion";

    /** The record headers that carry a CloudEvent (binary mode) or describe its value: all a replay needs. */
    public static boolean isEventHeader(String name) {
        return name.startsWith("ce_") || name.equalsIgnoreCase("content-type");
    }

    private final JsonFormat format = new JsonFormat();
    private final ObjectMapper mapper;
    private final Validator validator;

    public CloudEventCodec(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** A codec outside CDI (tools, plain unit tests), binding as the services do. */
    public static CloudEventCodec standalone(ObjectMapper mapper) {
        Validator validator = jakarta.validation.Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        return new CloudEventCodec(mapper, validator);
    }

    public String encode(UUID id, String source, String type, String subject, Instant time, Object data) {
        try {
            CloudEvent event = CloudEventBuilder.v1()
                    .withId(id.toString())
                    .withSource(URI.create(source))
                    .withType(type)
                    .withSubject(subject)
                    .withTime(time.atOffset(ZoneOffset.UTC))
                    .withDataSchema(dataSchema(type))
                    .withDataContentType("application/json")
                    .withData(mapper.writeValueAsBytes(data))
                    .build();
            return new String(format.serialize(event), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event body of " + type + " is not serialisable", e);
        }
    }

    /** The published JSON Schema of an event type (see the contract folder of the platform module). */
    public static URI dataSchema(String type) {
        return URI.create("urn:jcm:schema:" + type + ":v1");
    }

    /** Reads a structured-mode CloudEvent (the whole event is the value). */
    public InboundEvent decode(String value) {
        return decode(Map.of(), value);
    }

    /**
     * Reads a CloudEvent from a Kafka record in either mode of the CloudEvents Kafka binding: structured (the whole
     * event is the value) or binary (attributes in {@code ce_} headers, the value is the data), as the CloudEvents SDK
     * reads them.
     *
     * @throws MalformedEventException when the record is not a CloudEvent 1.0 with a JSON object body
     */
    public InboundEvent decode(Map<String, String> headers, String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("the message has no value");
        }
        CloudEvent event;
        try {
            if (headers.containsKey(BINARY_SPECVERSION)) {
                RecordHeaders kafkaHeaders = new RecordHeaders();
                headers.forEach((name, v) -> kafkaHeaders.add(name, v.getBytes(StandardCharsets.UTF_8)));
                event = KafkaMessageFactory.createReader(kafkaHeaders, value.getBytes(StandardCharsets.UTF_8)).toEvent();
            } else {
                event = format.deserialize(value.getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvents 1.0 event, in structured JSON or in binary mode: " + rootMessage(e));
        }
        UUID id;
        try {
            id = UUID.fromString(event.getId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("the event id '" + event.getId() + "' is not a UUID");
        }
        if (event.getSubject() == null || event.getSubject().isBlank()) {
            throw new MalformedEventException("the event has no subject");
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("the event has no time");
        }
        if (event.getData() == null) {
            throw new MalformedEventException("the event has no data");
        }
        JsonNode data;
        try {
            data = mapper.readTree(event.getData().toBytes());
        } catch (java.io.IOException e) {
            throw new MalformedEventException("the event data is not JSON: " + rootMessage(e));
        }
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("the event data is not a JSON object");
        }
        return new InboundEvent(id, event.getSource().toString(), event.getType(), event.getSubject(),
                event.getTime().toInstant(), data);
    }

    /** Binds an event body to its record, within the record's bounds (the same as the API's), or says why it cannot. */
    public <T> T bind(InboundEvent event, Class<T> type) {
        T bound;
        try {
            bound = mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("the data of " + event.type() + " does not match its schema: " + rootMessage(e));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(bound);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("the data of " + event.type() + " is out of bounds: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return bound;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
