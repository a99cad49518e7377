package org.jcm.registry.platform.json;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import org.jcm.registry.platform.Limits;

/**
 * JSON binding that takes what the contract says and nothing else: no number where a text, a boolean, an enum or a date
 * is expected, no fraction where a whole number is, dates only as {@code yyyy-mm-dd} inside the registry's years, and no
 * text the database cannot keep (a NUL or other control character, a lone UTF-16 surrogate). A refusal names the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** Also for mappers made outside CDI (tests, tools), so they bind exactly as the services do. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (LogicalType type : new LogicalType[]{LogicalType.Boolean, LogicalType.Enum, LogicalType.Textual, LogicalType.DateTime}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("jcm-strict-json");
        module.addDeserializer(String.class, new StrictString());
        module.addDeserializer(LocalDate.class, new StrictDate());
        mapper.registerModule(module);
        return mapper;
    }

    /** Why a text cannot be kept, or null if it can. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return "contains the control character U+" + String.format("%04X", (int) c) + " at position " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone UTF-16 surrogate at position " + i;
            }
        }
        return null;
    }

    static final class StrictString extends StdScalarDeserializer<String> {

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            String problem = problemWith(text);
            if (problem != null) {
                throw MismatchedInputException.from(p, String.class, "the text " + problem + ", which the registry does not accept");
            }
            return text;
        }
    }

    static final class StrictDate extends StdScalarDeserializer<LocalDate> {

        private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

        StrictDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p.currentToken(), p,
                        "a date is a string yyyy-mm-dd, not %s", p.currentToken());
            }
            String text = p.getText().trim();
            LocalDate date;
            try {
                date = ISO_DATE.matcher(text).matches() ? LocalDate.parse(text) : null;
            } catch (DateTimeParseException e) {
                date = null;
            }
            if (date == null) {
                throw MismatchedInputException.from(p, LocalDate.class, "a date is written yyyy-mm-dd (for example 2025-03-31)");
            }
            if (date.isBefore(Limits.FIRST_DATE) || date.isAfter(Limits.LAST_DATE)) {
                throw MismatchedInputException.from(p, LocalDate.class,
                        "the date " + date + " is outside the years the registry records, " + Limits.FIRST_DATE + " to " + Limits.LAST_DATE);
            }
            return date;
        }
    }
}
