package io.coxswain.streams.topology;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.streams.internal.UnreadableStateException;
import io.coxswain.streams.rules.Evaluation;
import io.coxswain.streams.rules.Firing;
import io.coxswain.streams.rules.Rule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of one rule: reads the run's state from the store, lets the rule evaluate the event, writes the new
 * state back when it changed, and forwards a command when the rule fires. A RunFinished deletes the run's state.
 */
final class RuleProcessor<S> implements Processor<String, EventEnvelope, String, ControlCommand> {
    private static final Logger LOG = LoggerFactory.getLogger(RuleProcessor.class);

    private final Rule<S> rule;
    private final String storeName;
    private ProcessorContext<String, ControlCommand> context;
    private KeyValueStore<String, S> store;
    /** The states this task last read or wrote, so a busy run's state is not deserialized on every event. */
    private Map<String, S> recent;

    RuleProcessor(Rule<S> rule, String storeName) {
        this.rule = rule;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, ControlCommand> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, S> eldest) {
                return size() > StoreState.CACHED_STATES;
            }
        };
    }

    @Override
    public void process(Record<String, EventEnvelope> record) {
        EventEnvelope event = record.value();
        String runId = event.runId();
        if (event.event() instanceof RunFinished) {
            store.delete(runId);
            recent.remove(runId);
            LOG.debug("run {} finished; forgot its {} state", runId, rule.name());
            return;
        }
        S state = stateOf(runId);
        Evaluation<S> evaluation = rule.evaluate(state, event);
        if (!evaluation.state().equals(state)) {
            store.put(runId, evaluation.state());
            recent.put(runId, evaluation.state());
        }
        evaluation.firing().ifPresent(firing -> emit(record, event, firing));
    }

    private S stateOf(String runId) {
        S cached = recent.get(runId);
        if (cached != null) {
            return cached;
        }
        S stored;
        try {
            stored = store.get(runId);
        } catch (UnreadableStateException e) {
            LOG.error("rule {} cannot read the stored state of run {}; evaluating it from a fresh state",
                    rule.name(), runId, e);
            stored = null;
        }
        if (stored != null) {
            recent.put(runId, stored);
        }
        return stored == null ? rule.initialState() : stored;
    }

    private void emit(Record<String, EventEnvelope> record, EventEnvelope event, Firing firing) {
        ControlCommand command = RuleCommands.command(rule.name(), event, firing);
        LOG.info("rule {} fired for run {} at step {}: command {}: {}", rule.name(), event.runId(), firing.step(),
                command.commandId(), command.reason());
        context.forward(new Record<>(event.runId(), command, record.timestamp()));
    }
}
