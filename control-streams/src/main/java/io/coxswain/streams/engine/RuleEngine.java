package io.coxswain.streams.engine;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.streams.rules.trac.CohortView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs rule sets over run events: keeps each run's info, each (rule set, run) state and, for rule sets that read the
 * cohort, each experiment's run tracks in an {@link EngineState}; evaluates every set whose scope includes the run.
 * The streams app runs it over state stores, {@code cox rules backtest} and the benchmarks over memory. Not thread-safe:
 * one engine per stream task or thread.
 */
public final class RuleEngine {
    private final EngineState state;

    public RuleEngine(EngineState state) {
        this.state = state;
    }

    /** An engine over fresh in-memory state. */
    public static RuleEngine inMemory() {
        return new RuleEngine(new MemoryState());
    }

    /**
     * Evaluates {@code sets} (those {@code applies} selects) on {@code event} and updates the state. Events this
     * engine itself produced (seq 0, about rules) change nothing.
     */
    public Emitted process(EventEnvelope event, Collection<RuleSet> sets, Predicate<RuleSet> applies) {
        if (producedByRules(event)) {
            return Emitted.NOTHING;
        }
        String runId = event.runId();
        RunInfo before = state.info(runId);
        RunInfo info = before == null ? RunInfo.first(event) : before.apply(event);
        if (!info.equals(before)) {
            state.putInfo(runId, info);
        }
        Optional<CohortView> cohort = Optional.empty();
        if (info.experimentId() != null && sets.stream().anyMatch(RuleSet::cohort)) {
            cohort = Optional.of(updateCohort(info.experimentId(), event));
        }
        List<ControlCommand> commands = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>();
        List<String> evaluated = new ArrayList<>();
        for (RuleSet set : sets) {
            if (!applies.test(set) || !set.scope().includes(info.experimentId(), info.tags())) {
                continue;
            }
            evaluated.add(set.name());
            RunRuleState current = state.ruleState(set.name(), runId);
            Outcome outcome = new RuleSetEvaluator(set).evaluate(current, info, event,
                    set.cohort() ? cohort : Optional.empty());
            if (!outcome.state().equals(current)) {
                state.putRuleState(set.name(), runId, outcome.state());
            }
            commands.addAll(outcome.commands());
            events.addAll(outcome.events());
        }
        if (event.event() instanceof RunFinished) {
            state.forget(runId, evaluated);
        }
        return commands.isEmpty() && events.isEmpty() ? Emitted.NOTHING : new Emitted(commands, events);
    }

    /** Evaluates every set in {@code sets}. */
    public Emitted process(EventEnvelope event, Collection<RuleSet> sets) {
        return process(event, sets, set -> true);
    }

    /** Whether the event is one rules publish themselves: reports about runs and rule set loads. */
    public static boolean producedByRules(EventEnvelope event) {
        RunEvent body = event.event();
        return body instanceof RuleFailed || body instanceof RuleSkipped || body instanceof ControlLogged
                || body instanceof RuleSetLoaded || body instanceof RuleSetRejected || body instanceof RuleSetRemoved;
    }

    private CohortView updateCohort(String experimentId, EventEnvelope event) {
        RunTrack track = state.track(experimentId, event.runId());
        RunTrack next = (track == null ? RunTrack.empty() : track).apply(event);
        if (!next.equals(track)) {
            state.putTrack(experimentId, event.runId(), next);
        }
        Map<String, RunTrack> tracks = state.cohort(experimentId);
        return new TrackedCohort(tracks);
    }
}
