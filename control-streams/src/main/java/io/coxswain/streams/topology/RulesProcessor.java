package io.coxswain.streams.topology;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.streams.engine.Emitted;
import io.coxswain.streams.engine.RuleEngine;
import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.engine.RuleSetRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the registry's rule sets on each run event, with the engine's state in this task's stores, and forwards
 * what they send: {@link ControlCommand}s and {@link EventEnvelope}s (reports about runs), each keyed by run id. The
 * per-run instance evaluates the sets that read one run only; the cohort instance, fed by experiment, the others.
 */
final class RulesProcessor implements Processor<String, EventEnvelope, String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(RulesProcessor.class);

    private final RuleSetRegistry registry;
    private final RulesStage stage;
    private ProcessorContext<String, Object> context;
    private RuleEngine engine;

    RulesProcessor(RuleSetRegistry registry, RulesStage stage) {
        this.registry = registry;
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.engine = new RuleEngine(new StoreState(context.getStateStore(stage.infoStore()),
                context.getStateStore(stage.ruleStateStore()), context.getStateStore(stage.trackStore())));
    }

    @Override
    public void process(Record<String, EventEnvelope> record) {
        EventEnvelope event = record.value();
        List<RuleSet> sets = registry.current().stream().filter(set -> set.cohort() == stage.cohort()).toList();
        if (sets.isEmpty() && stage.cohort()) {
            return;
        }
        Emitted emitted;
        try {
            emitted = engine.process(event, sets);
        } catch (RuntimeException e) {
            LOG.error("rules could not process event {} of run {}; it is skipped", event.header().eventId(),
                    event.runId(), e);
            emitted = new Emitted(List.of(), List.of(failure(event, e)));
        }
        for (ControlCommand command : emitted.commands()) {
            LOG.info("rule {} fired for run {} at step {}: command {}", command.source().rule(), command.runId(),
                    event.step(), command.commandId());
            context.forward(new Record<>(command.runId(), command, record.timestamp()));
        }
        for (EventEnvelope report : emitted.events()) {
            context.forward(new Record<>(report.runId(), report, record.timestamp()));
        }
    }

    private static EventEnvelope failure(EventEnvelope event, RuntimeException e) {
        String id = UUID.nameUUIDFromBytes(("engine-failure\u0000" + event.header().eventId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new EventEnvelope(new EventHeader(id, event.runId(), event.header().experimentId(), 0, event.step(),
                event.header().time()), new RuleFailed("*", event.type(), "",
                "the rule engine failed on this event: " + e, null));
    }
}
