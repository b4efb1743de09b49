package io.coxswain.protocol;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventsDropped;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.RunResumed;
import io.coxswain.protocol.events.ScheduleRejected;
import io.coxswain.protocol.events.StateLogged;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.BatchFlagged;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages as the Java components write them: one or more of every event type, and commands. */
public final class Examples {
    /** Nanosecond precision on purpose: the wire format must keep every digit. */
    public static final Instant TIME = Instant.parse("2025-03-14T09:26:53.589793238Z");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Examples() {
    }

    public static EventHeader header(long seq, long step) {
        return new EventHeader("4f1c2a0e-0000-4000-8000-0000000000" + String.format("%02d", seq), "r-1", "exp-7",
                seq, step, TIME.plusSeconds(seq));
    }

    public static EventEnvelope envelope(RunEvent event) {
        return new EventEnvelope(header(1, 0), event);
    }

    public static ObjectNode evidence() {
        ObjectNode evidence = NODES.objectNode();
        evidence.put("eval_loss", 0.93);
        evidence.put("patience", 3);
        return evidence;
    }

    public static CommandSource ruleSource() {
        return CommandSource.rule("control-streams", "plateau: eval_loss flat for 3 evals", evidence());
    }

    public static RunStarted runStarted() {
        ObjectNode config = NODES.objectNode();
        config.put("model", "resnet18");
        config.putObject("optimizer").put("name", "sgd").put("momentum", 0.9);
        config.putArray("augment").add("flip").add("crop");
        return new RunStarted(config, 42, "cifar10-resnet18", 10_000, List.of(
                new ParameterSpec("learning_rate", "float", 0.0, 1.0, true, DoubleNode.valueOf(0.1),
                        "step size, from the next step on"),
                new ParameterSpec("eval_every", "int", 1.0, null, false, IntNode.valueOf(500), null)),
                95.5);
    }

    public static StepCompleted stepCompleted() {
        return new StepCompleted(1.25, 0.25, 62_500, 128, 0.6931, 1.75, 0.1, 0.042, true, false,
                List.of(0.5, 0.75, 1.0));
    }

    /** A diverged step: JSON has no NaN or Infinity literal, so these travel as strings. */
    public static StepCompleted divergedStep() {
        return new StepCompleted(3.0, 1.0, 150_000, 128, Double.NaN, Double.POSITIVE_INFINITY, 10.0, 0.05, false,
                true, null);
    }

    public static EvalCompleted evalCompleted() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("eval_loss", 0.41);
        metrics.put("eval_accuracy", 0.875);
        return new EvalCompleted(metrics);
    }

    public static CheckpointSaved checkpointSaved() {
        return new CheckpointSaved("/ckpt/r-1/step-500.zip", 44_739_242, false);
    }

    public static ParameterChanged parameterChanged() {
        return new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.1), DoubleNode.valueOf(0.01),
                ruleSource());
    }

    public static TriggerFired triggerFired() {
        return new TriggerFired("c-1", Triggers.CHECKPOINT, ruleSource());
    }

    public static CommandIgnored commandIgnored() {
        return new CommandIgnored("c-1", CommandIgnored.DUPLICATE);
    }

    public static RunFinished runFinished() {
        return new RunFinished(RunFinished.STOPPED, "trigger stop by ana");
    }

    /** Every event type at least once, with the optional fields both present and absent. */
    public static List<EventEnvelope> allEvents() {
        return List.of(
                new EventEnvelope(header(1, 0), runStarted()),
                new EventEnvelope(header(2, 1), stepCompleted()),
                new EventEnvelope(header(3, 2), divergedStep()),
                new EventEnvelope(header(4, 500), evalCompleted()),
                new EventEnvelope(header(5, 500), checkpointSaved()),
                new EventEnvelope(header(6, 501), parameterChanged()),
                new EventEnvelope(header(7, 501), new ParameterChanged("c-2", "eval_every",
                        null, IntNode.valueOf(250), CommandSource.user("ana"))),
                new EventEnvelope(header(8, 501), triggerFired()),
                new EventEnvelope(header(9, 502), new CommandRejected("c-3",
                        "learning_rate: -1.0 is not above the minimum 0.0", CommandSource.user("ana"))),
                new EventEnvelope(header(10, 502), new CommandRejected(null, "not JSON: Unexpected end-of-input",
                        null)),
                new EventEnvelope(header(11, 502), commandIgnored()),
                new EventEnvelope(header(12, 502), new CommandIgnored("c-4", CommandIgnored.NO_OP)),
                new EventEnvelope(new EventHeader("e-rule", "r-1", null, 1, 502, TIME),
                        new RuleFailed("plateau", "eval", "eval_loss < best(eval_loss)", "no eval_loss yet")),
                new EventEnvelope(header(13, 10_000), new CheckpointSaved("/ckpt/r-1/final.zip", 44_739_242, true)),
                new EventEnvelope(header(14, 10_000), new RunFinished(RunFinished.COMPLETED, null)),
                new EventEnvelope(header(15, 3_000), runFinished()),
                new EventEnvelope(header(16, 0), resumedRun()),
                new EventEnvelope(header(17, 12), mixedSourceStep()),
                new EventEnvelope(header(18, 12), new RunPaused("c-5", "user ana")),
                new EventEnvelope(header(19, 12), new RunResumed("c-6", 12.5, "user ana")),
                new EventEnvelope(header(20, 12), new StateLogged("c-7", evidence())),
                new EventEnvelope(header(21, 12), new EventsDropped(40, 100, 139, Map.of("StepCompleted", 40L),
                        "spool full: 10000 events in memory and 64 MiB on disk")),
                new EventEnvelope(header(22, 12), new ScheduleRejected("batch_size", IntNode.valueOf(0),
                        IntNode.valueOf(32), "batch_size: 0 is below the minimum 1")),
                new EventEnvelope(header(23, 12), new CheckpointDeleted("/ckpt/r-1/step-100", 4096,
                        "save_total_limit 2")),
                new EventEnvelope(header(24, 12), new RuleFailed("plateau", "on_log", "loss[\"x\"] > 1",
                        "no key 'x' in dict", "fms-examples")),
                new EventEnvelope(header(25, 12), new RuleSkipped("fms-examples", "eval-check", "on_step_end",
                        "eval_metrics", "no evaluation yet")),
                new EventEnvelope(header(26, 12), new ControlLogged("fms-examples", "log-loss", "on_log", "info",
                        "step 12: loss 0.42")),
                new EventEnvelope(new EventHeader("e-rules-1", "rules:fms-examples", null, 0, 0, TIME),
                        new RuleSetLoaded("fms-examples", "ab12", null, List.of("plateau", "log-loss"),
                                NODES.objectNode())),
                new EventEnvelope(new EventHeader("e-rules-2", "rules:fms-examples", null, 0, 0, TIME),
                        new RuleSetLoaded("fms-examples", "cd34", "ab12", List.of("plateau"), scope())),
                new EventEnvelope(new EventHeader("e-rules-3", "rules:fms-examples", null, 0, 0, TIME),
                        new RuleSetRejected("fms-examples", "ef56",
                                "controller 'plateau': rule: line 4, column 12: unexpected ')'")),
                new EventEnvelope(new EventHeader("e-rules-4", "rules:fms-examples", null, 0, 0, TIME),
                        new RuleSetRemoved("fms-examples", "cd34")),
                new EventEnvelope(new EventHeader("e-rules-5", "rules:other", null, 0, 0, TIME),
                        new RuleSetRemoved("other", null)),
                new EventEnvelope(header(27, 400), new CheckpointLoaded("c-8", "/ckpt/r-2/step-400", "r-2", 400,
                        ruleSource())),
                new EventEnvelope(header(28, 400), new CheckpointLoaded("c-9", "/ckpt/r-2/step-400", null, 400,
                        CommandSource.user("ana"))),
                new EventEnvelope(header(29, 401), new BatchFlagged("inspect", "batches", 7.5, 3.0, List.of(3, 17),
                        List.of(40.0, 38.5), 2, true)),
                new EventEnvelope(header(30, 402), new BatchFlagged("inspect", "batches", 9.0, 3.0, List.of(),
                        List.of(), 0, false)));
    }

    private static ObjectNode scope() {
        ObjectNode scope = NODES.objectNode();
        scope.putArray("experiments").add("exp-1");
        scope.putArray("tags").add("sweep");
        return scope;
    }

    public static RunStarted resumedRun() {
        RunStarted fresh = runStarted();
        return new RunStarted(fresh.config(), fresh.seed(), fresh.workload(), fresh.plannedSteps(),
                fresh.parameters(), 3.25, 500L, "/ckpt/r-1/step-500");
    }

    /** A step of a two-source run with every optional field present. */
    public static StepCompleted mixedSourceStep() {
        Map<String, Double> coverage = new LinkedHashMap<>();
        coverage.put("clean", 0.5);
        coverage.put("noisy", 0.125);
        return new StepCompleted(2.0, 1.0, 15_980, 64, 0.25, 0.5, 0.001, 0.004, true, true, List.of(0.25, 0.5), 20L,
                coverage, 16_000.0, 0.12, StepCompleted.ENERGY_ESTIMATED);
    }

    /** A command with every field and both kinds of action. */
    public static ControlCommand fullCommand() {
        return new ControlCommand("c-1", "r-1", TIME, ruleSource(), List.of(
                new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.01)),
                new Action.SetParameter("eval_every", IntNode.valueOf(250)),
                new Action.FireTrigger(Triggers.CHECKPOINT),
                new Action.FireTrigger(Triggers.EVALUATE)),
                "plateau on eval_loss");
    }

    /** Only what a client must send; the decoder fills in the source. */
    public static ControlCommand minimalCommand() {
        return new ControlCommand("c-2", "r-1", null, CommandSource.user("unknown"),
                List.of(new Action.FireTrigger(Triggers.STOP)), null);
    }

    public static ControlCommand replayCommand() {
        return new ControlCommand("c-3", "r-9", TIME, new CommandSource(SourceKind.REPLAY, "ledger", null, null),
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.05))), "replay of r-1");
    }

    /** Population-based training's exploit step: load a leading run's checkpoint, then perturb. */
    public static ControlCommand exploitCommand() {
        return new ControlCommand("c-4", "r-1", TIME, ruleSource(), List.of(
                new Action.LoadCheckpoint("/ckpt/r-2/step-400", "r-2"),
                new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.012)),
                new Action.LoadCheckpoint("/ckpt/r-3/step-400", null)), "pbt exploit");
    }

    public static List<ControlCommand> allCommands() {
        return List.of(fullCommand(), minimalCommand(), replayCommand(), exploitCommand());
    }
}
