package io.coxswain.agent;

import io.coxswain.protocol.events.*;
import io.coxswain.protocol.topics.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScratchNanTest {
    @Test
    void nan() {
        EventEnvelope e = new EventEnvelope(new EventHeader("id", "r-1", null, 1, 1, Instant.now()),
                new StepCompleted(0.1, 0.1, 32, 32, Double.NaN, Double.POSITIVE_INFINITY, 0.1, 0.01, true, false, null));
        byte[] bytes = Topics.RUN_EVENTS.codec().encode(e);
        System.out.println(new String(bytes));
        System.out.println(Topics.RUN_EVENTS.codec().decode(bytes));
    }
}
