package io.coxswain.protocol.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.Examples;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void declaresTheDocumentedTopicNames() {
        assertThat(List.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name(), Topics.DEAD_LETTER.name()))
                .containsExactly("coxswain.run-events", "coxswain.control", "coxswain.dead-letter");
    }

    @Test
    void serializesValuesWithTheTopicsCodec() {
        assertThat(Topics.CONTROL.valueSerializer().serialize("coxswain.control", Examples.fullCommand()))
                .isEqualTo(new CommandCodec().encode(Examples.fullCommand()));
        assertThat(Topics.RUN_EVENTS.valueSerializer().serialize("coxswain.run-events",
                Examples.envelope(Examples.stepCompleted())))
                .isEqualTo(new EventCodec().encode(Examples.envelope(Examples.stepCompleted())));
    }

    @Test
    void serializesANullValueAsATombstone() {
        assertThat(Topics.CONTROL.valueSerializer().serialize("coxswain.control", null)).isNull();
    }

    @Test
    void keepsDeadLettersAsTheyCame() {
        byte[] garbage = "{\"v\":1,".getBytes(StandardCharsets.UTF_8);

        assertThat(Topics.DEAD_LETTER.codec().encode(garbage)).isSameAs(garbage);
        assertThat(Topics.DEAD_LETTER.codec().decode(garbage)).isEqualTo(Decoded.ok(garbage));
    }
}
