package io.coxswain.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what newly stored events and commands change in the projections. Pure: values in, a plan out. The live
 * ingest calls it once per batch and the rebuild once per chunk of the event store, so both take one code path.
 */
public final class Projector {
    static final String LEARNING_RATE = "learning_rate";
    static final String BATCH_SIZE = "batch_size";
    static final String TAGS = "tags";

    private Projector() {
    }

    /**
     * @param events   the events stored now, in the order they were read
     * @param commands the commands stored now, in the order they were read
     */
    public static ProjectionPlan plan(List<EventEnvelope> events, List<ControlCommand> commands) {
        List<RunTransition> transitions = new ArrayList<>();
        Map<String, StepProgress> latestSteps = new LinkedHashMap<>();
        List<NewParameterChange> changes = new ArrayList<>();
        List<CommandAnswered> answers = new ArrayList<>();
        List<CheckpointChange> checkpoints = new ArrayList<>();
        List<RuleSetChange> ruleSets = new ArrayList<>();
        for (EventEnvelope envelope : events) {
            EventHeader header = envelope.header();
            RunEvent event = envelope.event();
            if (event instanceof RunStarted started) {
                transitions.add(began(header, started));
            } else if (event instanceof RunFinished finished) {
                transitions.add(new RunTransition.Ended(header.runId(), header.experimentId(), finished.reason(),
                        finished.detail(), header.time()));
            } else if (event instanceof StepCompleted step) {
                latestSteps.merge(header.runId(), progress(header, step),
                        (seen, next) -> next.step() >= seen.step() ? next : seen);
            } else if (event instanceof CheckpointSaved saved) {
                checkpoints.add(CheckpointChange.saved(header, saved));
            } else if (event instanceof CheckpointDeleted deleted) {
                checkpoints.add(CheckpointChange.deleted(header, deleted));
            } else if (event instanceof RuleSetLoaded loaded) {
                ruleSets.add(RuleSetChange.loaded(header, loaded));
            } else if (event instanceof RuleSetRejected rejected) {
                ruleSets.add(RuleSetChange.rejected(header, rejected));
            } else if (event instanceof RuleSetRemoved removed) {
                ruleSets.add(RuleSetChange.removed(header, removed));
            }
            if (event instanceof ParameterChanged changed) {
                changes.add(change(header, changed));
            }
            if (event instanceof CommandAnswer answer) {
                CommandAnswered.of(header, answer).ifPresent(answers::add);
            }
        }
        List<CommandReason> reasons = commands.stream()
                .filter(c -> c.reason() != null)
                .map(c -> new CommandReason(c.commandId(), c.reason()))
                .toList();
        List<IssuedCommand> issued = commands.stream().map(IssuedCommand::of).toList();
        return new ProjectionPlan(transitions, List.copyOf(latestSteps.values()), changes, reasons, issued, answers,
                checkpoints, ruleSets);
    }

    private static RunTransition.Began began(EventHeader header, RunStarted started) {
        List<ParameterSpec> parameters = started.parameters() == null ? List.of() : started.parameters();
        JsonNode learningRate = declared(parameters, LEARNING_RATE);
        JsonNode batchSize = declared(parameters, BATCH_SIZE);
        return new RunTransition.Began(header.runId(), header.experimentId(), started.workload(), started.seed(),
                started.plannedSteps(), started.config(), tags(started.config()),
                learningRate != null && learningRate.isNumber() ? learningRate.doubleValue() : null,
                batchSize != null && batchSize.canConvertToInt() ? batchSize.intValue() : null,
                header.time());
    }

    /** The strings of the configuration's {@code tags} list; anything else there is not a tag. */
    private static List<String> tags(JsonNode config) {
        JsonNode tags = config == null ? null : config.get(TAGS);
        List<String> values = new ArrayList<>();
        if (tags != null && tags.isArray()) {
            tags.forEach(tag -> {
                if (tag.isTextual()) {
                    values.add(tag.textValue());
                }
            });
        }
        return values;
    }

    private static JsonNode declared(List<ParameterSpec> parameters, String name) {
        return parameters.stream().filter(p -> name.equals(p.name())).map(ParameterSpec::value)
                .findFirst().orElse(null);
    }

    private static StepProgress progress(EventHeader header, StepCompleted step) {
        return new StepProgress(header.runId(), header.experimentId(), header.step(), step.loss(),
                step.learningRate(), step.batchSize());
    }

    private static NewParameterChange change(EventHeader header, ParameterChanged changed) {
        return new NewParameterChange(header.eventId(), header.runId(), header.step(), changed.param(),
                changed.oldValue(), changed.newValue(), changed.commandId(), Sources.kind(changed.source()),
                Sources.author(changed.source()), Sources.rule(changed.source()),
                Sources.evidence(changed.source()), header.time());
    }
}
