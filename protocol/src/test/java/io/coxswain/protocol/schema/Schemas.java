package io.coxswain.protocol.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** The protocol's JSON Schemas, loaded from the classpath as a non-Java client would read them. */
final class Schemas {
    static final String RUN_EVENT = "schemas/run-event.schema.json";
    static final String CONTROL_COMMAND = "schemas/control-command.schema.json";

    /** Plain JSON, no NaN literals: what a client in another language parses. */
    static final ObjectMapper STRICT_JSON = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();

    static final JsonSchema RUN_EVENT_SCHEMA = load(RUN_EVENT);
    static final JsonSchema CONTROL_COMMAND_SCHEMA = load(CONTROL_COMMAND);

    /** The draft 2020-12 meta-schema, bundled in the validator's jar (no network). */
    static final JsonSchema META_SCHEMA = FACTORY.getSchema(
            SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);

    private Schemas() {
    }

    private static JsonSchema load(String resource) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + resource), CONFIG);
        schema.initializeValidators();
        return schema;
    }

    static JsonNode tree(String resource) {
        try (var in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            return STRICT_JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parseStrictly(byte[] json) {
        try {
            return STRICT_JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each violation as {@code keyword at instance-location}, e.g. {@code required at $ (eventId)}; sorted. */
    static Set<String> violations(JsonSchema schema, JsonNode instance) {
        Set<String> out = new TreeSet<>();
        for (ValidationMessage m : schema.validate(instance)) {
            out.add(m.getType() + " at " + m.getInstanceLocation()
                    + (m.getProperty() == null ? "" : " (" + m.getProperty() + ")"));
        }
        return out;
    }
}
