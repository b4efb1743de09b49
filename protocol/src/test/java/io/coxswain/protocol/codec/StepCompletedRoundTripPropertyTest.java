package io.coxswain.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.RandomEvents;
import io.coxswain.protocol.events.EventEnvelope;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StepCompletedRoundTripPropertyTest {
    private final EventCodec codec = new EventCodec();

    @Property(tries = 500)
    void everyStepCompletedDecodesToAnEqualValue(@ForAll("steps") EventEnvelope step) {
        assertThat(codec.decode(codec.encode(step))).isEqualTo(Decoded.ok(step));
    }

    @Provide
    Arbitrary<EventEnvelope> steps() {
        return RandomEvents.stepCompleted();
    }
}
