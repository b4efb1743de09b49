package io.coxswain.ledger.testing;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the ledger receives from three runs, their controllers and a rule set, in the order it arrives: rules'
 * commands applied, rejected and redelivered (answered duplicate), a user's checkpoint, an answer before its command,
 * a command without issue time, a run resumed from a checkpoint, a run whose start was lost, checkpoints deleted,
 * late events and a command after a run finished, and a rule set loaded, rejected, replaced and removed.
 */
public final class MixedRuns {
    private static final CommandSource ADA = CommandSource.user("ada");

    private final String prefix;
    private final List<Object> arrival = new ArrayList<>();
    private int commands;

    private MixedRuns(String prefix) {
        this.prefix = prefix;
    }

    /** The story, with run ids, command ids and the rule set's name starting with {@code prefix}. */
    public static MixedRuns of(String prefix) {
        MixedRuns story = new MixedRuns(prefix);
        story.stoppedByARule(new RunScript(prefix + "-a"));
        story.resumedFromACheckpoint(new RunScript(prefix + "-b"));
        story.withoutItsStart(new RunScript(prefix + "-c"));
        story.ruleSet(new RunScript(Topics.rulesRunId(prefix + "-rules")), prefix + "-rules");
        return story;
    }

    /** Every event and command, in the order they reach the ledger. */
    public List<Object> arrival() {
        return List.copyOf(arrival);
    }

    /** The run events alone, in the order of their topic's partitions. */
    public List<EventEnvelope> events() {
        return arrival.stream().filter(EventEnvelope.class::isInstance).map(EventEnvelope.class::cast).toList();
    }

    /** The commands alone, in the order of their topic's partitions. */
    public List<ControlCommand> commands() {
        return arrival.stream().filter(ControlCommand.class::isInstance).map(ControlCommand.class::cast).toList();
    }

    /** The rule set's name; its pseudo-run is {@code rules:<name>}. */
    public String ruleSetName() {
        return prefix + "-rules";
    }

    public List<String> runIds() {
        return List.of(prefix + "-a", prefix + "-b", prefix + "-c");
    }

    private void stoppedByARule(RunScript run) {
        ObjectNode config = RunScript.config();
        config.putArray("tags").add("pbt").add("baseline");
        EventEnvelope last = send(run.event(0, new RunStarted(config, 7, "mlp", 100,
                List.of(), 2.0)));
        for (int step = 1; step <= 5; step++) {
            last = send(run.step(step, 2.0 - step * 0.01, 0.01, 32));
        }
        ControlCommand decay = command(run, last, rule("lr-decay", 5), "loss flat for 5 steps",
                new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.005)));
        send(decay);
        send(run.event(6, new ParameterChanged(decay.commandId(), "learning_rate", DoubleNode.valueOf(0.01),
                DoubleNode.valueOf(0.005), decay.source())));
        for (int step = 6; step <= 8; step++) {
            last = send(run.step(step, 1.9, 0.005, 32));
        }
        ControlCommand save = send(command(run, last, ADA, "before the sweep", new Action.FireTrigger("checkpoint")));
        send(run.event(8, new TriggerFired(save.commandId(), "checkpoint", ADA)));
        String step8 = "/ckpt/" + run.runId() + "/step-8";
        send(run.event(8, new CheckpointSaved(step8, 4096, false)));
        ControlCommand negative = send(command(run, last, ADA, null,
                new Action.SetParameter("learning_rate", DoubleNode.valueOf(-1.0))));
        send(run.event(8, new CommandRejected(negative.commandId(), "learning_rate must be > 0, got -1.0", ADA)));
        send(decay);
        last = send(run.event(8, new CommandIgnored(decay.commandId(), CommandIgnored.DUPLICATE)));
        for (int step = 9; step <= 10; step++) {
            last = send(run.step(step, 1.89, 0.005, 32));
        }
        send(run.event(10, new CheckpointSaved("/ckpt/" + run.runId() + "/step-10", 4100, false)));
        send(run.event(10, new CheckpointDeleted(step8, 4096, "save_total_limit 1")));
        ControlCommand stop = send(command(run, last, rule("stop", 10), "no progress", new Action.FireTrigger("stop")));
        send(run.event(10, new TriggerFired(stop.commandId(), "stop", stop.source())));
        last = send(run.finished(10, RunFinished.STOPPED, "rule " + prefix + "-rules/stop"));
        send(run.event(10, new CheckpointSaved("/ckpt/" + run.runId() + "/final", 4200, true)));
        send(run.event(10, new EvalCompleted(Map.of("eval_loss", 1.95))));
        send(command(run, last, ADA, "too late", new Action.FireTrigger("evaluate")));
    }

    private void resumedFromACheckpoint(RunScript run) {
        EventEnvelope last = send(run.started());
        for (int step = 1; step <= 3; step++) {
            last = send(run.step(step, 2.5 - step * 0.1, 0.01, 64));
        }
        ControlCommand evaluate = command(run, last, ADA, "how is it doing", new Action.FireTrigger("evaluate"));
        send(run.event(3, new TriggerFired(evaluate.commandId(), "evaluate", ADA)));
        send(run.event(3, new EvalCompleted(Map.of("eval_loss", 2.3))));
        send(evaluate);
        send(run.event(2, new RunStarted(RunScript.config(), RunScript.SEED, RunScript.WORKLOAD,
                RunScript.PLANNED_STEPS, List.of(), 9.5, 2L, "/ckpt/" + run.runId() + "/step-2")));
        last = send(run.step(3, 2.21, 0.01, 64));
        ControlCommand undated = new ControlCommand(commandId(), run.runId(), null, ADA,
                List.of(new Action.SetParameter("batch_size", DoubleNode.valueOf(128))), "bigger batches");
        send(undated);
        send(run.event(3, new ParameterChanged(undated.commandId(), "batch_size", DoubleNode.valueOf(64),
                DoubleNode.valueOf(128), ADA)));
        last = send(run.step(4, 2.1, 0.01, 128));
        send(run.finished(4, RunFinished.COMPLETED, "planned steps reached"));
    }

    private void withoutItsStart(RunScript run) {
        send(run.step(1, 3.0, 0.02, 16));
        send(run.event(1, new ParameterChanged(commandId(), "learning_rate", DoubleNode.valueOf(0.02),
                DoubleNode.valueOf(0.01), ADA)));
        EventEnvelope last = send(run.step(2, 2.9, 0.01, 16));
        ControlCommand noOp = command(run, last, ADA, null,
                new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.01)));
        send(run.event(2, new CommandIgnored(noOp.commandId(), CommandIgnored.NO_OP)));
        send(noOp);
    }

    private void ruleSet(RunScript rules, String name) {
        ObjectNode scope = Json.mapper().createObjectNode();
        scope.putArray("tags").add("pbt");
        send(rules.event(0, new RuleSetLoaded(name, "v1", null, List.of("lr-decay"), scope)));
        send(rules.event(0, new RuleSetRejected(name, "v2", "controller stop: unknown metric 'los' at line 9, column 14")));
        send(rules.event(0, new RuleSetLoaded(name, "v3", "v1", List.of("lr-decay", "stop"), scope)));
        send(rules.event(0, new RuleSetRemoved(name, "v3")));
    }

    private CommandSource rule(String controller, long step) {
        ObjectNode evidence = Json.mapper().createObjectNode().put("ruleSet", prefix + "-rules")
                .put("controller", controller).put("step", step);
        return CommandSource.rule("control-streams", prefix + "-rules/" + controller, evidence);
    }

    /** A command to the run, issued half a second after its latest event. */
    private ControlCommand command(RunScript run, EventEnvelope latest, CommandSource source, String reason,
                                   Action action) {
        return new ControlCommand(commandId(), run.runId(), latest.header().time().plusMillis(500), source,
                List.of(action), reason);
    }

    private String commandId() {
        return prefix + "-cmd-" + ++commands;
    }

    private <T> T send(T message) {
        arrival.add(message);
        return message;
    }
}
