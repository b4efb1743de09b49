package io.coxswain.cli.commands.rules;

import io.coxswain.ledger.savings.SavingsCalculator;
import io.coxswain.ledger.savings.SavingsItem;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.streams.engine.Emitted;
import io.coxswain.streams.engine.RuleEngine;
import io.coxswain.streams.engine.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rule sets replayed over recorded run events through one in-memory {@link RuleEngine}, in the order given. A command
 * that fires the {@code stop} trigger ends its run's replay, as the real stop would have ended the run: that run's
 * later events are counted, not evaluated. Not thread-safe.
 */
final class Backtest {
    private final RuleEngine engine = RuleEngine.inMemory();
    private final List<RuleSet> sets;
    private final Consumer<ControlCommand> commands;
    private final Consumer<String> reports;
    private final Map<String, Stop> stops = new LinkedHashMap<>();
    private final BacktestSavings savings = new BacktestSavings();
    private int replayed;
    private int commandCount;
    private int failures;
    private int skips;
    private int logs;

    /**
     * @param commands gets each command the rules send, in order
     * @param reports  gets one line per RuleFailed, RuleSkipped and ControlLogged report
     */
    Backtest(List<RuleSet> sets, Consumer<ControlCommand> commands, Consumer<String> reports) {
        this.sets = List.copyOf(sets);
        this.commands = commands;
        this.reports = reports;
    }

    /** Replays one event, unless its run was stopped; counts it towards its run's facts either way. */
    void accept(EventEnvelope event) {
        savings.observe(event);
        Stop stop = stops.get(event.runId());
        if (stop != null) {
            stop.ignored++;
            return;
        }
        replayed++;
        Emitted emitted = engine.process(event, sets);
        emitted.events().forEach(this::report);
        for (ControlCommand command : emitted.commands()) {
            commandCount++;
            commands.accept(command);
            savings.commanded(event.runId(), event.step(), command, stops(command));
            if (stops(command)) {
                stops.putIfAbsent(event.runId(), new Stop(event.runId(), event.step(), command));
            }
        }
    }

    /** The runs a stop ended, in the order they stopped. */
    List<Stop> stops() {
        return new ArrayList<>(stops.values());
    }

    /** What the commands sent so far would have saved on the runs read so far ({@link BacktestSavings}). */
    List<SavingsItem> savings(SavingsCalculator calculator) {
        return savings.items(calculator);
    }

    /** {@code replayed 132, ignored after a stop 869; commands 2, failures 0, skips 1, logs 0}. */
    String summary() {
        int ignored = stops.values().stream().mapToInt(s -> s.ignored).sum();
        return "replayed " + replayed + ", ignored after a stop " + ignored + "; commands " + commandCount
                + ", failures " + failures + ", skips " + skips + ", logs " + logs;
    }

    private static boolean stops(ControlCommand command) {
        return command.actions().stream()
                .anyMatch(a -> a instanceof Action.FireTrigger t && Triggers.STOP.equals(t.name()));
    }

    private void report(EventEnvelope report) {
        String at = report.event().typeName() + " run " + report.runId() + " step " + report.step();
        if (report.event() instanceof RuleFailed f) {
            failures++;
            reports.accept(at + " controller " + f.controller() + ": " + f.error() + " [" + context(f.ruleSet(),
                    f.trigger()) + ", rule " + f.rule() + "]");
        } else if (report.event() instanceof RuleSkipped s) {
            skips++;
            reports.accept(at + " controller " + s.controller() + ": metric " + s.metric() + " has no value: "
                    + s.reason() + " [" + context(s.ruleSet(), s.trigger()) + "]");
        } else if (report.event() instanceof ControlLogged l) {
            logs++;
            reports.accept(at + " controller " + l.controller() + " " + l.level() + ": " + l.message() + " ["
                    + context(l.ruleSet(), l.trigger()) + "]");
        } else {
            reports.accept(at + ": " + report.event());
        }
    }

    private static String context(String ruleSet, String trigger) {
        return (ruleSet == null ? "" : "rule set " + ruleSet + ", ") + "trigger " + trigger;
    }

    /** A run's replay ended by a stop command at {@code step}; {@code ignored} later events of it were not replayed. */
    static final class Stop {
        final String runId;
        final long step;
        final ControlCommand command;
        int ignored;

        Stop(String runId, long step, ControlCommand command) {
            this.runId = runId;
            this.step = step;
            this.command = command;
        }

        /** {@code run r-1 stopped at step 131 by stop_on_plateau (rule set plateau); 869 later events not replayed}. */
        String describe() {
            var evidence = command.source().evidence();
            String controller = evidence == null ? command.source().rule() : evidence.path("controller").asText();
            String set = evidence == null ? "" : " (rule set " + evidence.path("ruleSet").asText() + ")";
            return "run " + runId + " stopped at step " + step + " by " + controller + set + "; " + ignored
                    + " later events not replayed";
        }
    }
}
