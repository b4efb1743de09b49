package io.coxswain.bench;

import io.coxswain.agent.events.EventListener;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.StepCompleted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wall time between consecutive StepCompleted events as the training thread produces them: everything one step costs
 * (fit, event encoding and publishing, command draining), whatever sink is used. Also keeps the part of each interval
 * spent outside the workload's step (the interval minus {@link StepCompleted#stepSeconds()}) and every loss.
 */
final class StepClock implements EventListener {
    private final List<Double> intervals = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> outsideFit = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> losses = Collections.synchronizedList(new ArrayList<>());
    private final long skipFirst;
    private long last;
    private long steps;

    StepClock(long skipFirst) {
        this.skipFirst = skipFirst;
    }

    @Override
    public void onEvent(EventEnvelope event) {
        if (!(event.event() instanceof StepCompleted step)) {
            return;
        }
        long now = System.nanoTime();
        losses.add(step.loss());
        if (steps++ > skipFirst) {
            double millis = (now - last) / 1e6;
            intervals.add(millis);
            outsideFit.add(millis - step.stepSeconds() * 1e3);
        }
        last = now;
    }

    List<Double> intervalsMillis() {
        return List.copyOf(intervals);
    }

    List<Double> outsideFitMillis() {
        return List.copyOf(outsideFit);
    }

    List<Double> losses() {
        return List.copyOf(losses);
    }
}
