package io.coxswain.streams.rules.trac;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import java.util.Optional;

/**
 * A custom metric as it runs for one run: a state folded over the run's events, and the value rules see. The state
 * is JSON so it can live in a changelogged state store; it must stay small (bounded by the metric's arguments).
 * Implementations are stateless and shared between threads.
 */
public interface MetricFunction {

    /** The state after {@code event}; {@code state} is null before the run's first event. Never null. */
    JsonNode apply(JsonNode state, EventEnvelope event);

    /**
     * The state after {@code event}, knowing what the evaluation of that event knows: the run, its live parameters
     * and, for cohort rule sets, the cohort with {@code event} already in it. The engine calls this one; by default it
     * ignores the context. A metric whose state records decisions taken against the cohort at the time (asynchronous
     * successive halving) overrides it. Must not change {@code state}.
     */
    default JsonNode apply(JsonNode state, EventEnvelope event, MetricContext context) {
        return apply(state, event);
    }

    /**
     * An event to publish about the run after {@code event} changed the state to {@code state}, e.g. a flagged batch;
     * none by default. It goes to the events topic (seq 0) for the ledger, whatever the rules decide.
     *
     * @param ruleSet the rule set's name
     * @param metric  this metric's name in it
     */
    default Optional<RunEvent> report(String ruleSet, String metric, JsonNode state, EventEnvelope event) {
        return Optional.empty();
    }

    /**
     * The value rules see now: a rule value (Long, Double, Boolean, String, null, List or Map of those), or
     * {@link MetricValue#missing} while there is none yet.
     */
    MetricValue value(JsonNode state, MetricContext context);
}
