package io.coxswain.streams.rules;

import io.coxswain.protocol.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;

/** A rule fed a run's events in order, as the topology does: the final state and every firing on the way. */
record RuleRun<S>(S state, List<Firing> firings) {

    static <S> RuleRun<S> of(Rule<S> rule, List<EventEnvelope> events) {
        return from(rule, rule.initialState(), events);
    }

    static <S> RuleRun<S> from(Rule<S> rule, S initial, List<EventEnvelope> events) {
        S state = initial;
        List<Firing> firings = new ArrayList<>();
        for (EventEnvelope event : events) {
            Evaluation<S> evaluation = rule.evaluate(state, event);
            state = evaluation.state();
            evaluation.firing().ifPresent(firings::add);
        }
        return new RuleRun<>(state, List.copyOf(firings));
    }

    RuleRun<S> then(Rule<S> rule, List<EventEnvelope> events) {
        RuleRun<S> next = from(rule, state, events);
        List<Firing> all = new ArrayList<>(firings);
        all.addAll(next.firings());
        return new RuleRun<>(next.state(), List.copyOf(all));
    }
}
