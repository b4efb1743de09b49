package io.coxswain.cli.commands;

import io.coxswain.agent.events.EventListener;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.io.PrintWriter;

/** Prints a run's events as short human lines: progress every tenth of the plan, and every command answer. */
public final class ProgressPrinter implements EventListener {
    private final PrintWriter out;
    private final String prefix;
    private final boolean overBar;
    private long planned = 1;
    private long nextReport;

    public ProgressPrinter(PrintWriter out, String prefix) {
        this(out, prefix, false);
    }

    /**
     * With {@code overBar}, a {@link TerminalBar} shows the steps: no step lines, and each other line erases the bar
     * drawn on the terminal's current line before it.
     */
    ProgressPrinter(PrintWriter out, String prefix, boolean overBar) {
        this.out = out;
        this.prefix = prefix;
        this.overBar = overBar;
    }

    @Override
    public void onEvent(EventEnvelope e) {
        String line = describe(e);
        if (line != null) {
            synchronized (out) {
                out.println(overBar ? String.format("\r%-" + TerminalBar.WIDTH + "s", prefix + line) : prefix + line);
                out.flush();
            }
        }
    }

    private String describe(EventEnvelope e) {
        long step = e.step();
        if (e.event() instanceof RunStarted s) {
            planned = Math.max(1, s.plannedSteps());
            nextReport = planned / 10;
            return String.format("started: %s, %d steps planned, seed %d", s.workload(), s.plannedSteps(), s.seed());
        }
        if (e.event() instanceof StepCompleted s) {
            if (overBar || step < nextReport) {
                return null;
            }
            nextReport += Math.max(1, planned / 10);
            return String.format("step %d/%d  loss %.4f  lr %.4g  epoch %.2f", step, planned, s.loss(),
                    s.learningRate(), s.epoch());
        }
        if (e.event() instanceof EvalCompleted s) {
            return null;
        }
        if (e.event() instanceof ParameterChanged c) {
            return String.format("step %d: %s %s -> %s (by %s %s)", step, c.param(), c.oldValue(), c.newValue(),
                    c.source().kind().wire(), c.source().rule() != null ? c.source().rule() : c.source().author());
        }
        if (e.event() instanceof TriggerFired t) {
            return String.format("step %d: trigger %s fired (by %s %s)", step, t.name(), t.source().kind().wire(),
                    t.source().rule() != null ? t.source().rule() : t.source().author());
        }
        if (e.event() instanceof CommandRejected r) {
            return String.format("step %d: command %s rejected: %s", step, r.commandId(), r.reason());
        }
        if (e.event() instanceof CommandIgnored i) {
            return String.format("step %d: command %s ignored (%s)", step, i.commandId(), i.why());
        }
        if (e.event() instanceof CheckpointSaved c) {
            return String.format("step %d: checkpoint %s (%d bytes)", step, c.path(), c.bytes());
        }
        if (e.event() instanceof RunFinished f) {
            return String.format("finished at step %d: %s%s", step, f.reason(), f.detail() == null ? "" : " — " + f.detail());
        }
        return null;
    }
}
