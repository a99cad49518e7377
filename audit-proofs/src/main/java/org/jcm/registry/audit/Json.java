package org.jcm.registry.audit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Strict reading of the JSON formats: every key present with its type, no key that is not part of the format. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json, String what) {
        if (json == null) {
            throw new IllegalArgumentException(what + ": no JSON");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    static JsonNode object(JsonNode node, String what, Set<String> keys) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + ": expected a JSON object");
        }
        for (String key : keys) {
            if (!node.has(key) || node.get(key).isNull()) {
                throw new IllegalArgumentException(what + ": missing \"" + key + "\"");
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(what + ": unexpected key \"" + key + "\"");
            }
        }
        return node;
    }

    static String text(JsonNode node, String key, String what) {
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(what + ": \"" + key + "\" must be a string");
        }
        return v.textValue();
    }

    static long number(JsonNode node, String key, String what) {
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(what + ": \"" + key + "\" must be an integer");
        }
        return v.longValue();
    }

    static List<String> hexArray(JsonNode node, String key, String what) {
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw new IllegalArgumentException(what + ": \"" + key + "\" must be an array");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual() || !Hex.isSha256Hex(e.textValue())) {
                throw new IllegalArgumentException(what + ": \"" + key + "\" must hold lower-case hex SHA-256 hashes");
            }
            out.add(e.textValue());
        }
        return out;
    }

    static List<byte[]> unhexAll(List<String> hashes) {
        List<byte[]> out = new ArrayList<>(hashes.size());
        for (String h : hashes) {
            out.add(Hex.unhex(h));
        }
        return out;
    }

    static List<String> hexAll(List<byte[]> hashes) {
        List<String> out = new ArrayList<>(hashes.size());
        for (byte[] h : hashes) {
            out.add(Hex.hex(h));
        }
        return out;
    }
}
