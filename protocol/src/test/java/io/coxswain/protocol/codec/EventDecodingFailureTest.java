package io.coxswain.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.Examples;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad bytes on the events topic become a {@link Decoded.Failure} naming the problem, never an exception. */
class EventDecodingFailureTest {
    private final EventCodec codec = new EventCodec();

    /** A valid StepCompleted changed by {@code edit}. */
    private Decoded<EventEnvelope> decodeEdited(Consumer<ObjectNode> edit) {
        ObjectNode tree = codec.toTree(new EventEnvelope(
                new EventHeader("e-1", "r-1", null, 1, 1, Examples.TIME),
                Examples.stepCompleted()));
        edit.accept(tree);
        return codec.decode(tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> headerProblems() {
        return Stream.of(
                Arguments.of("missing v", (Consumer<ObjectNode>) t -> t.remove("v"),
                        Decoded.failure("missing field 'v' (protocol version, 1)", "r-1", "e-1")),
                Arguments.of("v 2", (Consumer<ObjectNode>) t -> t.put("v", 2),
                        Decoded.failure("unsupported protocol version v=2 (this build reads v=1)", "r-1", "e-1")),
                Arguments.of("v as text", (Consumer<ObjectNode>) t -> t.put("v", "1"),
                        Decoded.failure("unsupported protocol version v=\"1\" (this build reads v=1)", "r-1", "e-1")),
                Arguments.of("missing type", (Consumer<ObjectNode>) t -> t.remove("type"),
                        Decoded.failure("missing field 'type'", "r-1", "e-1")),
                Arguments.of("missing eventId", (Consumer<ObjectNode>) t -> t.remove("eventId"),
                        Decoded.failure("missing field 'eventId'", "r-1", null)),
                Arguments.of("blank eventId", (Consumer<ObjectNode>) t -> t.put("eventId", " "),
                        Decoded.failure("field 'eventId' must not be empty", "r-1", null)),
                Arguments.of("missing runId", (Consumer<ObjectNode>) t -> t.remove("runId"),
                        Decoded.failure("missing field 'runId'", null, "e-1")),
                Arguments.of("runId a number", (Consumer<ObjectNode>) t -> t.put("runId", 7),
                        Decoded.failure("field 'runId' must be a string, got number", null, "e-1")),
                Arguments.of("seq as text", (Consumer<ObjectNode>) t -> t.put("seq", "1"),
                        Decoded.failure("field 'seq' must be an integer, got \"1\"", "r-1", "e-1")),
                Arguments.of("fractional step", (Consumer<ObjectNode>) t -> t.put("step", 1.5),
                        Decoded.failure("field 'step' must be an integer, got 1.5", "r-1", "e-1")),
                Arguments.of("null seq", (Consumer<ObjectNode>) t -> t.putNull("seq"),
                        Decoded.failure("missing field 'seq'", "r-1", "e-1")),
                Arguments.of("bad time", (Consumer<ObjectNode>) t -> t.put("time", "yesterday"),
                        Decoded.failure("time 'yesterday' is not an ISO-8601 instant", "r-1", "e-1")),
                Arguments.of("time without zone", (Consumer<ObjectNode>) t -> t.put("time", "2025-03-14T09:26:53"),
                        Decoded.failure("time '2025-03-14T09:26:53' is not an ISO-8601 instant", "r-1", "e-1")),
                Arguments.of("time as epoch millis", (Consumer<ObjectNode>) t -> t.put("time", 1741944413000L),
                        Decoded.failure("field 'time' must be a string, got number", "r-1", "e-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerProblems")
    void namesTheHeaderFieldThatIsWrong(String name, Consumer<ObjectNode> edit, Decoded<EventEnvelope> expected) {
        assertThat(decodeEdited(edit)).isEqualTo(expected);
    }

    @Test
    void namesAnUnknownTypeAndTheTypesItKnows() {
        Decoded<EventEnvelope> decoded = decodeEdited(t -> t.put("type", "RunTeleported"));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, f -> {
            assertThat(f.reason()).startsWith("bad RunTeleported: Could not resolve type id 'RunTeleported'")
                    .contains("StepCompleted", "RunFinished");
            assertThat(f.runId()).isEqualTo("r-1");
            assertThat(f.id()).isEqualTo("e-1");
        });
    }

    @Test
    void namesTheTypeWhoseBodyHasAWrongType() {
        Decoded<EventEnvelope> decoded = decodeEdited(t -> t.put("loss", "low"));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, f -> {
            assertThat(f.reason()).startsWith("bad StepCompleted").contains("\"low\"");
            assertThat(f.runId()).isEqualTo("r-1");
            assertThat(f.id()).isEqualTo("e-1");
        });
    }

    @Test
    void refusesABodyWithoutItsNumbers() {
        Decoded<EventEnvelope> decoded = decodeEdited(t -> t.remove("loss"));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, f -> {
            assertThat(f.reason()).startsWith("bad StepCompleted");
            assertThat(f.runId()).isEqualTo("r-1");
            assertThat(f.id()).isEqualTo("e-1");
        });
    }

    @Test
    void namesTheBodyFieldThatIsWrong() {
        assertThat(decodeEdited(t -> t.put("loss", "low")))
                .isInstanceOfSatisfying(Decoded.Failure.class, f -> assertThat(f.reason()).contains("loss"));
        assertThat(decodeEdited(t -> t.remove("gradNorm")))
                .isInstanceOfSatisfying(Decoded.Failure.class, f -> assertThat(f.reason()).contains("gradNorm"));
    }

    @Test
    void saysWhenTheBytesAreNotJson() {
        Decoded<EventEnvelope> decoded = codec.decode("{\"v\":1,".getBytes(StandardCharsets.UTF_8));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, f -> {
            assertThat(f.reason()).startsWith("not JSON: Unexpected end-of-input");
            assertThat(f.runId()).isNull();
            assertThat(f.id()).isNull();
        });
    }

    @Test
    void saysWhenTheBytesAreNotText() {
        Decoded<EventEnvelope> decoded = codec.decode(new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF});

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, f -> {
            assertThat(f.reason()).startsWith("not JSON: ");
            assertThat(f.runId()).isNull();
            assertThat(f.id()).isNull();
        });
    }

    @Test
    void refusesNullAndEmptyRecords() {
        Decoded<EventEnvelope> expected = Decoded.failure("an event must be a JSON object", null, null);

        assertThat(codec.decode(null)).isEqualTo(expected);
        assertThat(codec.decode(new byte[0])).isEqualTo(expected);
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        Decoded<EventEnvelope> expected = Decoded.failure("an event must be a JSON object", null, null);

        assertThat(codec.decode("[{\"v\":1}]".getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(codec.decode("\"StepCompleted\"".getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(codec.decode("null".getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(codec.decodeTree(null)).isEqualTo(expected);
    }

    @Test
    void saysWhenJsonIsNestedTooDeep() {
        byte[] deep = "[".repeat(5_000).getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decode(deep)).isInstanceOfSatisfying(Decoded.Failure.class,
                f -> assertThat(f.reason()).startsWith("not JSON: ").contains("nesting depth"));
    }
}
