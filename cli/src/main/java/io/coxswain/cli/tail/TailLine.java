package io.coxswain.cli.tail;

import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.BatchFlagged;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventsDropped;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.RunResumed;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.ScheduleRejected;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One human line per run event or command, for {@code cox tail}. Pure: a value in, a line (or nothing, for a step
 * the thinning leaves out) out.
 */
public final class TailLine {
    private TailLine() {
    }

    /**
     * Which steps get a line: with {@code every} 0, the steps the run itself marks {@code logged} (its logging
     * interval); with {@code every} N, every N-th step; the first step and each epoch's last always.
     */
    public static boolean shows(EventEnvelope e, StepCompleted s, long every) {
        if (e.step() <= 1 || s.epochEnd()) {
            return true;
        }
        return every > 0 ? e.step() % every == 0 : s.logged();
    }

    /** The line for one event, or empty for a step the thinning leaves out. */
    public static Optional<String> of(EventEnvelope e, long every) {
        RunEvent event = e.event();
        if (event instanceof StepCompleted s) {
            return shows(e, s, every) ? Optional.of(step(e.step(), String.format(Locale.ROOT,
                    "loss %.4f  lr %.4g  batch %d  epoch %.2f  grad %.3g", s.loss(), s.learningRate(), s.batchSize(),
                    s.epoch(), s.gradNorm()))) : Optional.empty();
        }
        return Optional.of(step(e.step(), describe(e)));
    }

    /** A command sent to the run: who, what, why. */
    public static String of(ControlCommand c) {
        String actions = c.actions().stream().map(TailLine::action).collect(Collectors.joining(", "));
        return "command " + c.commandId() + " from " + who(c.source()) + ": " + actions
                + (c.reason() == null || c.reason().isBlank() ? "" : " (reason: " + c.reason() + ")");
    }

    /** Who sent a command: {@code user alice}, {@code rule loss_plateau}, {@code replay replay:r-1}. */
    public static String who(CommandSource source) {
        if (source == null) {
            return "unknown sender";
        }
        String name = source.rule() != null ? source.rule() : source.author();
        return source.kind().wire() + " " + (name == null ? "?" : name);
    }

    private static String step(long step, String what) {
        return String.format(Locale.ROOT, "step %-7d %s", step, what);
    }

    private static String action(Action action) {
        if (action instanceof Action.SetParameter set) {
            return "set " + set.param() + "=" + set.value();
        }
        if (action instanceof Action.FireTrigger trigger) {
            return "trigger " + trigger.name();
        }
        if (action instanceof Action.LoadCheckpoint load) {
            return "load checkpoint " + load.checkpoint() + (load.fromRun() == null ? "" : " of run " + load.fromRun());
        }
        return action.toString();
    }

    private static String describe(EventEnvelope e) {
        RunEvent event = e.event();
        if (event instanceof RunStarted s) {
            return "started: " + s.workload() + ", " + s.plannedSteps() + " steps planned, seed " + s.seed()
                    + ", experiment " + e.header().experimentId()
                    + (s.resumedFromStep() == null ? "" : ", resumed from step " + s.resumedFromStep());
        }
        if (event instanceof EvalCompleted ev) {
            return "eval  " + metrics(ev.metrics());
        }
        if (event instanceof ParameterChanged c) {
            return "changed " + c.param() + " " + c.oldValue() + " -> " + c.newValue() + " by " + who(c.source())
                    + " (command " + c.commandId() + ")";
        }
        if (event instanceof TriggerFired t) {
            return "fired " + t.name() + " by " + who(t.source()) + " (command " + t.commandId() + ")";
        }
        if (event instanceof CommandRejected r) {
            return "rejected command " + r.commandId() + (r.source() == null ? "" : " from " + who(r.source()))
                    + ": " + r.reason();
        }
        if (event instanceof CommandIgnored i) {
            return "ignored command " + i.commandId() + " (" + i.why() + ")";
        }
        if (event instanceof CheckpointLoaded l) {
            return "loaded checkpoint " + l.checkpoint() + " (step " + l.fromStep() + ") by " + who(l.source())
                    + " (command " + l.commandId() + ")";
        }
        if (event instanceof CheckpointSaved c) {
            return "checkpoint " + c.path() + " (" + c.bytes() + " bytes" + (c.isFinal() ? ", final" : "") + ")";
        }
        if (event instanceof CheckpointDeleted c) {
            return "deleted checkpoint " + c.path() + " (" + c.reason() + ")";
        }
        if (event instanceof RunPaused p) {
            return "paused (command " + p.commandId() + ")";
        }
        if (event instanceof RunResumed r) {
            return String.format(Locale.ROOT, "resumed after %.1f s (command %s)", r.pausedSeconds(), r.commandId());
        }
        if (event instanceof RuleFailed f) {
            return "rule " + f.controller() + " failed: " + f.error();
        }
        if (event instanceof RuleSkipped s) {
            return "rule " + s.controller() + " skipped (" + s.metric() + "): " + s.reason();
        }
        if (event instanceof ControlLogged l) {
            return "log " + l.level() + " from " + l.controller() + ": " + l.message();
        }
        if (event instanceof ScheduleRejected r) {
            return "schedule entry " + r.param() + "=" + r.value() + " rejected: " + r.reason();
        }
        if (event instanceof BatchFlagged b) {
            return String.format(Locale.ROOT, "batch flagged by %s: loss %.4g over %.4g, %d spikes", b.ruleSet(),
                    b.batchLoss(), b.limit(), b.spikeCount());
        }
        if (event instanceof EventsDropped d) {
            return d.count() + " events dropped: " + d.reason();
        }
        if (event instanceof RunFinished f) {
            return "finished: " + f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")");
        }
        return event.typeName();
    }

    private static String metrics(Map<String, Double> metrics) {
        return metrics.entrySet().stream().map(m -> m.getKey() + "=" + String.format(Locale.ROOT, "%.4g", m.getValue()))
                .collect(Collectors.joining("  "));
    }
}
