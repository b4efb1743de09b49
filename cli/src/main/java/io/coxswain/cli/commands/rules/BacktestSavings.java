package io.coxswain.cli.commands.rules;

import io.coxswain.ledger.savings.Attribution;
import io.coxswain.ledger.savings.RunFacts;
import io.coxswain.ledger.savings.RunFactsFold;
import io.coxswain.ledger.savings.SavingsCalculator;
import io.coxswain.ledger.savings.SavingsItem;
import io.coxswain.ledger.savings.SavingsKind;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backtested rule set would have saved: each replayed run's recorded facts (all its events, also those after a
 * simulated stop) with the simulated commands in place of the recorded interventions, through the ledger's
 * {@link SavingsCalculator}. A simulated stop at step s counts as an early stop at s of the run's planned steps; each
 * simulated command with {@code set} actions as a live change, restarting from the run's latest recorded checkpoint
 * at or before its step. Simulated epoch_stop commands and checkpoint storage are not counted. Not thread-safe.
 */
final class BacktestSavings {
    private final Map<String, RunFactsFold> folds = new LinkedHashMap<>();
    private final Map<String, Hypothesis> hypotheses = new LinkedHashMap<>();

    /** Every event of a run, replayed or not. */
    void observe(EventEnvelope event) {
        folds.computeIfAbsent(event.runId(), RunFactsFold::of).accept(event);
    }

    /** A simulated command the rules sent after the event at {@code step}; {@code stops} when it fires stop. */
    void commanded(String runId, long step, ControlCommand command, boolean stops) {
        Hypothesis hypothesis = hypotheses.computeIfAbsent(runId, id -> new Hypothesis());
        Attribution by = Attribution.of(command.commandId(), command.source());
        List<String> params = command.actions().stream().filter(a -> a instanceof Action.SetParameter)
                .map(a -> ((Action.SetParameter) a).param()).distinct().toList();
        if (!params.isEmpty()) {
            hypothesis.changes.add(new Change(step, by, params));
        }
        if (stops && hypothesis.stop == null) {
            hypothesis.stop = new RunFacts.Finish(step, RunFinished.STOPPED, "backtest", by);
        }
    }

    /** The items the simulated commands would have saved, per run in the order the runs first appeared. */
    List<SavingsItem> items(SavingsCalculator calculator) {
        List<SavingsItem> items = new ArrayList<>();
        hypotheses.forEach((runId, hypothesis) -> {
            RunFactsFold fold = folds.get(runId);
            if (fold == null || !fold.started()) {
                return;
            }
            RunFacts recorded = fold.facts();
            List<RunFacts.LiveChange> changes = hypothesis.changes.stream()
                    .map(c -> new RunFacts.LiveChange(c.step, c.by, c.params,
                            recorded.lastCheckpointAtOrBefore(c.step)))
                    .toList();
            calculator.items(recorded.withInterventions(hypothesis.stop, List.of(), changes)).stream()
                    .filter(item -> item.kind() != SavingsKind.CHECKPOINT_STORAGE)
                    .forEach(items::add);
        });
        return items;
    }

    private static final class Hypothesis {
        private final List<Change> changes = new ArrayList<>();
        private RunFacts.Finish stop;
    }

    private record Change(long step, Attribution by, List<String> params) {
    }
}
