package io.coxswain.cli.commands;

import io.coxswain.agent.events.EventListener;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One bar for runs trained side by side: steps done over steps planned, summed over every run. */
final class FleetProgress {
    private final TerminalBar bar;
    private final Map<String, Long> planned = new ConcurrentHashMap<>();
    private final Map<String, Long> done = new ConcurrentHashMap<>();

    FleetProgress(TerminalBar bar) {
        this.bar = bar;
    }

    /** {@code printer} followed by this run's share of the bar. */
    EventListener listener(EventListener printer) {
        return event -> {
            printer.onEvent(event);
            count(event);
        };
    }

    private void count(EventEnvelope e) {
        if (e.event() instanceof RunStarted s) {
            planned.put(e.runId(), s.plannedSteps());
            done.put(e.runId(), s.resumedFromStep() == null ? 0L : s.resumedFromStep());
            bar.maxHint(sum(planned));
        } else if (e.event() instanceof StepCompleted) {
            done.put(e.runId(), e.step());
            bar.stepTo(sum(done));
        }
    }

    private static long sum(Map<String, Long> perRun) {
        return perRun.values().stream().mapToLong(Long::longValue).sum();
    }
}
