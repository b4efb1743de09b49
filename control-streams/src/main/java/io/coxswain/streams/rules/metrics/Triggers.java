package io.coxswain.streams.rules.metrics;

import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.util.ArrayList;
import java.util.List;

/** The TrAC triggers (HF {@code TrainerCallback} events) that one run event stands for. */
public final class Triggers {
    public static final String ON_TRAIN_BEGIN = "on_train_begin";
    public static final String ON_STEP_END = "on_step_end";
    public static final String ON_LOG = "on_log";
    public static final String ON_EPOCH_END = "on_epoch_end";
    public static final String ON_EVALUATE = "on_evaluate";
    public static final String ON_SAVE = "on_save";
    public static final String ON_TRAIN_END = "on_train_end";

    private Triggers() {
    }

    /**
     * The triggers of {@code e} in the order HF's trainer calls them within one step: {@code on_step_end}, then
     * {@code on_log} when the step was logged, then {@code on_epoch_end} when it ended an epoch. Events that no TrAC
     * trigger stands for (pauses, commands, checkpoint deletions, ...) give none.
     */
    public static List<String> triggersFor(EventEnvelope e) {
        RunEvent event = e.event();
        if (event instanceof StepCompleted s) {
            return stepTriggers(s);
        } else if (event instanceof EvalCompleted) {
            return List.of(ON_EVALUATE);
        } else if (event instanceof CheckpointSaved) {
            return List.of(ON_SAVE);
        } else if (event instanceof RunStarted) {
            return List.of(ON_TRAIN_BEGIN);
        } else if (event instanceof RunFinished) {
            return List.of(ON_TRAIN_END);
        }
        return List.of();
    }

    private static List<String> stepTriggers(StepCompleted s) {
        List<String> triggers = new ArrayList<>(3);
        triggers.add(ON_STEP_END);
        if (s.logged()) {
            triggers.add(ON_LOG);
        }
        if (s.epochEnd()) {
            triggers.add(ON_EPOCH_END);
        }
        return List.copyOf(triggers);
    }
}
