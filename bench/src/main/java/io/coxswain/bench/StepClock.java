package io.coxswain.bench;

import io.coxswain.agent.events.EventListener;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.StepCompleted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wall time between consecutive StepCompleted events as the training thread produces them: everything one step costs
 * (fit, event encoding and publishing, command draining), whatever sink is used.
 */
final class StepClock implements EventListener {
    private final List<Double> intervals = Collections.synchronizedList(new ArrayList<>());
    private final long skipFirst;
    private long last;
    private long steps;

    StepClock(long skipFirst) {
        this.skipFirst = skipFirst;
    }

    @Override
    public void onEvent(EventEnvelope event) {
        if (!(event.event() instanceof StepCompleted)) {
            return;
        }
        long now = System.nanoTime();
        if (steps++ > skipFirst) {
            intervals.add((now - last) / 1e6);
        }
        last = now;
    }

    List<Double> intervalsMillis() {
        return List.copyOf(intervals);
    }
}
