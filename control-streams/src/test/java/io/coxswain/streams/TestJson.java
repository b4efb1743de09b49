package io.coxswain.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.codec.Json;

/** Expected JSON written as text in tests, read through the protocol's mapper. */
public final class TestJson {
    private TestJson() {
    }

    public static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in a test: " + text, e);
        }
    }
}
