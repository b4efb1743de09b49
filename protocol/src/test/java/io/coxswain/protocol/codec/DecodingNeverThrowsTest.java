package io.coxswain.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.Examples;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Whatever arrives on a topic, decoding returns a value: it never throws, so it can never kill a consumer loop. */
class DecodingNeverThrowsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final EventCodec events = new EventCodec();
    private final CommandCodec commands = new CommandCodec();

    @Property(tries = 1000)
    void neverThrowOnRandomBytes(@ForAll byte[] bytes) {
        assertThat(events.decode(bytes)).isNotNull();
        assertThat(commands.decode(bytes)).isNotNull();
    }

    @Property(tries = 1000)
    void neverThrowOnJsonIshText(@ForAll("jsonIsh") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(events.decode(bytes)).isNotNull();
        assertThat(commands.decode(bytes)).isNotNull();
    }

    /** Valid records with fields removed or replaced by values of the wrong kind, at any depth. */
    @Property(tries = 1000)
    void neverThrowOnMutatedEventsAndKeepTheIdsWhenReadable(@ForAll("mutatedEvents") JsonNode mutated) {
        byte[] bytes = mutated.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode event = readBack(bytes);

        Decoded<EventEnvelope> decoded = events.decode(bytes);

        assertThat(decoded).isNotNull();
        if (decoded instanceof Decoded.Failure<EventEnvelope> failure) {
            assertThat(failure.reason()).isNotBlank();
            assertThat(failure.runId()).isEqualTo(readableText(event, "runId"));
            assertThat(failure.id()).isEqualTo(readableText(event, "eventId"));
        }
    }

    @Property(tries = 1000)
    void neverThrowOnMutatedCommandsAndKeepTheIdsWhenReadable(@ForAll("mutatedCommands") JsonNode mutated) {
        byte[] bytes = mutated.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode command = readBack(bytes);

        Decoded<ControlCommand> decoded = commands.decode(bytes);

        assertThat(decoded).isNotNull();
        if (decoded instanceof Decoded.Failure<ControlCommand> failure) {
            assertThat(failure.reason()).isNotBlank();
            assertThat(failure.runId()).isEqualTo(readableText(command, "runId"));
            assertThat(failure.id()).isEqualTo(readableText(command, "commandId"));
        }
    }

    /** The record as a consumer reads it (a NaN number is written as the string "NaN"). */
    private static JsonNode readBack(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    @Provide
    Arbitrary<String> jsonIsh() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\", " ", "null", "true", "false", "NaN",
                        "-Infinity", "1e999", "-0", "0.1", "9223372036854775808", "\"v\":1", "\"v\":2",
                        "\"type\":\"StepCompleted\"", "\"type\":\"RunStarted\"", "\"commandId\":\"c-1\"",
                        "\"runId\":\"r-1\"", "\"eventId\":\"e-1\"", "\"seq\":1", "\"step\":0",
                        "\"time\":\"2025-03-14T09:26:53Z\"", "\"actions\":", "{\"op\":\"set\"", "{\"op\":\"trigger\"",
                        "\"param\":\"lr\"", "\"value\":", "\"name\":\"stop\"", "\"source\":", "\"kind\":\"rule\"",
                        "\"parameters\":", "\"metrics\":", "\"loss\":", "\"final\":"),
                Arbitraries.strings().ofMaxLength(5));
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<JsonNode> mutatedEvents() {
        List<JsonNode> valid = Examples.allEvents().stream().map(e -> (JsonNode) events.toTree(e)).toList();
        return mutated(Arbitraries.of(valid));
    }

    @Provide
    Arbitrary<JsonNode> mutatedCommands() {
        List<JsonNode> valid = Examples.allCommands().stream()
                .map(c -> (JsonNode) Json.mapper().valueToTree(c)).toList();
        return mutated(Arbitraries.of(valid));
    }

    private static Arbitrary<JsonNode> mutated(Arbitrary<JsonNode> valid) {
        Arbitrary<Tuple.Tuple2<Integer, JsonNode>> edit = Combinators.combine(
                Arbitraries.integers().between(0, 10_000), oddValues()).as(Tuple::of);
        return Combinators.combine(valid, edit.list().ofMinSize(1).ofMaxSize(4))
                .as((node, edits) -> {
                    JsonNode copy = node.deepCopy();
                    edits.forEach(e -> mutate(copy, e.get1(), e.get2()));
                    return copy;
                });
    }

    /** Removes, replaces or adds one field or element, chosen by {@code pick} among all containers of the tree. */
    private static void mutate(JsonNode root, int pick, JsonNode shared) {
        JsonNode value = shared.deepCopy();
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        ContainerNode<?> target = containers.get(pick % containers.size());
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || pick % 7 == 0) {
                object.set(List.of("v", "type", "op", "value", "extra").get(pick % 5), value);
            } else if (pick % 3 == 0) {
                object.remove(names.get(pick % names.size()));
            } else {
                object.set(names.get(pick % names.size()), value);
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || pick % 2 == 0) {
                array.add(value);
            } else {
                array.remove(pick % array.size());
            }
        }
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> into) {
        if (node instanceof ContainerNode<?> container) {
            into.add(container);
            node.forEach(child -> collect(child, into));
        }
    }

    private static Arbitrary<JsonNode> oddValues() {
        return Arbitraries.of(
                NODES.nullNode(), NODES.textNode(""), NODES.textNode(" "), NODES.textNode("x"),
                NODES.textNode("2025-03-14T09:26:53Z"), NODES.textNode("NaN"), NODES.numberNode(0),
                NODES.numberNode(-1), NODES.numberNode(2), NODES.numberNode(1.5), NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new BigInteger("123456789012345678901234567890")),
                NODES.numberNode(new BigDecimal("1e400")), DoubleNode.valueOf(Double.NaN),
                NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
                NODES.arrayNode().add(1).add("x"), NODES.objectNode().put("op", "set"),
                NODES.textNode("StepCompleted"), NODES.textNode("ControlCommand"), NODES.textNode("trigger"));
    }
}
