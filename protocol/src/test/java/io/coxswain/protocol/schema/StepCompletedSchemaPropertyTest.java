package io.coxswain.protocol.schema;

import static io.coxswain.protocol.schema.Schemas.RUN_EVENT_SCHEMA;
import static io.coxswain.protocol.schema.Schemas.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.RandomEvents;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.events.EventEnvelope;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StepCompletedSchemaPropertyTest {
    private final EventCodec codec = new EventCodec();

    @Property(tries = 200)
    void everyStepCompletedTheCodecWritesIsPlainJsonThatFitsTheSchema(@ForAll("steps") EventEnvelope step) {
        assertThat(violations(RUN_EVENT_SCHEMA, Schemas.parseStrictly(codec.encode(step)))).isEmpty();
    }

    @Provide
    Arbitrary<EventEnvelope> steps() {
        return RandomEvents.stepCompleted();
    }
}
