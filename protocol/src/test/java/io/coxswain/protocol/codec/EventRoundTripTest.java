package io.coxswain.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coxswain.protocol.Examples;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoundTripTest {
    private final EventCodec codec = new EventCodec();

    static Stream<EventEnvelope> events() {
        return Examples.allEvents().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void decodesWhatItEncodesToAnEqualEvent(EventEnvelope event) {
        assertThat(codec.decode(codec.encode(event))).isEqualTo(Decoded.ok(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void decodesItsOwnTreeToAnEqualEvent(EventEnvelope event) {
        assertThat(codec.decodeTree(codec.toTree(event))).isEqualTo(Decoded.ok(event));
    }

    @Test
    void examplesCoverEveryEventType() {
        List<String> written = Examples.allEvents().stream().map(EventEnvelope::type).distinct().sorted().toList();
        List<String> declared = RunEvent.types().stream()
                .map(Class::getSimpleName).sorted().toList();

        assertThat(written).isEqualTo(declared);
    }

    @Test
    void writesOneFlatObjectWithTheHeaderFirst() throws Exception {
        EventEnvelope event = new EventEnvelope(
                new EventHeader("e-1", "r-1", "exp-7", 3, 500, Instant.parse("2025-03-14T09:26:53.589793238Z")),
                new CheckpointSaved("/ckpt/r-1/step-500.zip", 1024, false));

        String json = codec.encodeToString(event);

        assertThat(json).isEqualTo("""
                {"v":1,"type":"CheckpointSaved","eventId":"e-1","runId":"r-1","experimentId":"exp-7","seq":3,\
                "step":500,"time":"2025-03-14T09:26:53.589793238Z","path":"/ckpt/r-1/step-500.zip","bytes":1024,\
                "final":false}""");
    }

    @Test
    void leavesOutAnAbsentExperimentId() {
        EventEnvelope event = new EventEnvelope(new EventHeader("e-1", "r-1", null, 1, 0, Examples.TIME),
                new CheckpointSaved("/c", 1, true));

        JsonNode tree = codec.toTree(event);

        assertThat(tree.has("experimentId")).isFalse();
        assertThat(codec.decodeTree(tree)).isEqualTo(Decoded.ok(event));
    }

    @Test
    void keepsEveryDigitOfTheTime() {
        Instant nanos = Instant.parse("2025-03-14T09:26:53.000000001Z");
        EventEnvelope event = new EventEnvelope(new EventHeader("e-1", "r-1", null, 1, 0, nanos),
                Examples.stepCompleted());

        Decoded<EventEnvelope> decoded = codec.decode(codec.encode(event));

        assertThat(codec.toTree(event).get("time").asText()).isEqualTo("2025-03-14T09:26:53.000000001Z");
        assertThat(decoded).isEqualTo(Decoded.ok(event));
    }

    @Test
    void writesNonFiniteNumbersAsStringsThatAnyJsonParserReads() throws Exception {
        EventEnvelope diverged = Examples.envelope(Examples.divergedStep());

        byte[] bytes = codec.encode(diverged);
        JsonNode strict = new ObjectMapper().readTree(bytes);

        assertThat(strict.get("loss").asText()).isEqualTo("NaN");
        assertThat(strict.get("gradNorm").asText()).isEqualTo("Infinity");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain(":NaN", ":Infinity");
        assertThat(codec.decode(bytes)).isEqualTo(Decoded.ok(diverged));
    }
}
