package io.coxswain.streams.rules.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.util.Optional;

/**
 * What TrAC's metric classes can see of one run, after the run's events so far. Immutable: {@link #apply} returns the
 * state after one more event. Plain records, so Jackson writes and reads it for a state store.
 *
 * @param historyCapacity how many logged losses and evaluations to keep: the largest window the rules ask for
 *                        ({@link MetricSpec#historyCapacity}), at most {@link MetricSpec#MAX_WINDOW}
 * @param progress        the TrainerState part
 * @param lastLoss        the latest logged loss, null before the first logged step
 * @param lastEvaluation  the latest evaluation, null before the first
 * @param history         the last {@code historyCapacity} logged losses and evaluations
 */
public record RunMetrics(int historyCapacity, Progress progress, LoggedLoss lastLoss, Evaluation lastEvaluation,
                         History history) {

    public RunMetrics {
        if (historyCapacity < 0 || historyCapacity > MetricSpec.MAX_WINDOW) {
            throw new IllegalArgumentException("history capacity must be 0.." + MetricSpec.MAX_WINDOW + ", was "
                    + historyCapacity);
        }
    }

    /** A run before any event, keeping {@code historyCapacity} history entries. */
    public static RunMetrics initial(int historyCapacity) {
        return new RunMetrics(historyCapacity, Progress.initial(), null, null, History.empty());
    }

    /** The state after {@code e}. Events that carry no metric (pauses, commands, checkpoints) leave it as it is. */
    public RunMetrics apply(EventEnvelope e) {
        RunEvent event = e.event();
        if (event instanceof RunStarted s) {
            return started(s);
        } else if (event instanceof StepCompleted s) {
            return stepped(e.step(), s);
        } else if (event instanceof EvalCompleted ev) {
            return evaluated(new Evaluation(ev.metrics(), progress.epoch(), e.step()));
        } else if (event instanceof RunFinished) {
            return withProgress(new Progress(progress.globalStep(), progress.epoch(), progress.maxSteps(),
                    progress.numTrainEpochs(), progress.trainBatchSize(), progress.learningRate(), true));
        }
        return this;
    }

    /** The value the metric class {@code spec} gives now, or empty while it has none yet. */
    public Optional<Object> value(MetricSpec spec) {
        if (spec instanceof MetricSpec.TrainingState) {
            return Optional.of(progress.toValue());
        } else if (spec instanceof MetricSpec.Loss) {
            return Optional.ofNullable(lastLoss).map(LoggedLoss::toValue);
        } else if (spec instanceof MetricSpec.EvalMetrics m) {
            return m.source() == MetricSpec.Source.ON_EVALUATE
                    ? Optional.ofNullable(lastEvaluation).map(Evaluation::toValue)
                    : Optional.empty();
        } else if (spec instanceof MetricSpec.HistoryBasedMetric h) {
            return Optional.of(historyValue(h));
        } else if (spec instanceof MetricSpec.PerProcessState) {
            return Optional.of(Values.ordered("rank", 0L));
        }
        throw new IllegalArgumentException("unknown metric spec " + spec);
    }

    private Object historyValue(MetricSpec.HistoryBasedMetric h) {
        if (h.entries() > historyCapacity) {
            throw new IllegalArgumentException("HistoryBasedMetric window " + h.windowSize()
                    + " is larger than the " + historyCapacity + " entries this state keeps");
        }
        return history.toValue(h.entries(), h.windowSize());
    }

    /** A (re)start: the plan and config are new; steps, losses and evaluations seen before are kept. */
    private RunMetrics started(RunStarted s) {
        long step = s.resumedFromStep() != null ? s.resumedFromStep() : progress.globalStep();
        return withProgress(new Progress(step, progress.epoch(), s.plannedSteps(), numTrainEpochs(s.config()),
                progress.trainBatchSize(), progress.learningRate(), false));
    }

    private RunMetrics stepped(long step, StepCompleted s) {
        Progress next = new Progress(step, s.epoch(), progress.maxSteps(), progress.numTrainEpochs(), s.batchSize(),
                s.learningRate(), progress.isFinal());
        if (!s.logged()) {
            return withProgress(next);
        }
        LoggedLoss loss = new LoggedLoss(s.loss(), s.epoch(), step);
        return new RunMetrics(historyCapacity, next, loss, lastEvaluation, history.withLoss(loss, historyCapacity));
    }

    private RunMetrics evaluated(Evaluation evaluation) {
        return new RunMetrics(historyCapacity, progress, lastLoss, evaluation,
                history.withEvaluation(evaluation, historyCapacity));
    }

    private RunMetrics withProgress(Progress next) {
        return new RunMetrics(historyCapacity, next, lastLoss, lastEvaluation, history);
    }

    private static Double numTrainEpochs(JsonNode config) {
        JsonNode epochs = config == null ? null : config.get("num_train_epochs");
        return epochs == null || !epochs.isNumber() ? null : epochs.doubleValue();
    }
}
