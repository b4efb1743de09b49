package io.coxswain.streams.classes;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.engine.Emitted;
import io.coxswain.streams.engine.RuleEngine;
import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Events of run "r" with the fields these metric classes read spelled out, and a rule engine to feed them to. */
final class ClassEvents {
    static final String RUN = "r";

    private ClassEvents() {
    }

    /** A logged step at {@code T0 + step} seconds, epoch step / 100. */
    static EventEnvelope step(long step, double loss) {
        return step(step, RunEvents.timeOf(step), step / 100.0, loss, true, null);
    }

    static EventEnvelope step(long step, Instant time, double epoch, double loss, boolean logged,
            List<Double> sampleLosses) {
        return at(step, time, new StepCompleted(epoch, epoch % 1, step * 8, 8, loss, 0.5, 0.01, 0.2, logged,
                epoch % 1 == 0, sampleLosses));
    }

    static EventEnvelope batch(long step, double loss, List<Double> sampleLosses) {
        return step(step, RunEvents.timeOf(step), step / 100.0, loss, true, sampleLosses);
    }

    static EventEnvelope evaluated(long step, String metric, double value) {
        return at(step, RunEvents.timeOf(step), new EvalCompleted(Map.of(metric, value)));
    }

    static EventEnvelope at(long step, Instant time, RunEvent event) {
        return new EventEnvelope(new EventHeader("ev-" + step + "-" + event.typeName() + "-" + time, RUN,
                RunEvents.EXPERIMENT, step + 1, step, time), event);
    }

    /** The function's state after {@code events}, from none. */
    static JsonNode fold(MetricFunction function, List<EventEnvelope> events) {
        JsonNode state = null;
        for (EventEnvelope event : events) {
            state = function.apply(state, event);
        }
        return state;
    }

    static MetricValue value(MetricFunction function, JsonNode state) {
        return function.value(state, new MetricContext(RUN, RunEvents.EXPERIMENT, 0, Map.of(), Optional.empty()));
    }

    /** One rule set on a fresh in-memory engine, collecting everything it emits. */
    static final class Engine {
        final RuleSet set;
        final RuleEngine engine = RuleEngine.inMemory();
        final List<ControlCommand> commands = new ArrayList<>();
        final List<EventEnvelope> events = new ArrayList<>();

        Engine(String yaml) {
            this.set = RuleSet.load("test", yaml);
        }

        Engine feed(List<EventEnvelope> run) {
            run.forEach(this::feed);
            return this;
        }

        Engine feed(EventEnvelope event) {
            Emitted emitted = engine.process(event, List.of(set));
            commands.addAll(emitted.commands());
            events.addAll(emitted.events());
            return this;
        }

        /** The metric {@code name} as the command's rule saw it. */
        static JsonNode evidence(ControlCommand command, String name) {
            return command.source().evidence().get("metrics").get(name);
        }
    }
}
