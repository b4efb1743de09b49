package io.coxswain.streams.rules;

import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.streams.config.LossPlateauConfig;
import io.coxswain.streams.rules.LossPlateauEvidence.Condition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * {@code loss_plateau}: stop a run whose training loss has stopped improving, or has diverged.
 *
 * <p>Per run it keeps the last W step losses (W = {@code window}) from StepCompleted events, their mean m, and the
 * best window mean b with the step where it was reached. b is set when the window is first full and moves only on an
 * improvement, m &lt; b - {@code minDelta} (so slow progress still counts once it adds up to more than minDelta).
 * The rule fires, asking the run to {@code stop}, when the window is full, step &gt;= {@code minSteps}, and
 * step - bestStep &gt;= W: no improvement over one whole window.
 *
 * <p>A NaN or infinite loss fires at once, at any step and with any window fill: the run has diverged and every further
 * step wastes compute. Its evidence says {@code non_finite_loss} and carries the loss as text.
 *
 * <p>It fires at most once per run. A StepCompleted whose step is not after the last one seen (a redelivery, or a run
 * resumed from an earlier checkpoint) is ignored until the run passes its last step again. Other events change
 * nothing.
 */
public final class LossPlateauRule implements Rule<LossPlateauState> {
    public static final String NAME = "loss_plateau";

    private static final MathContext SHOWN = new MathContext(6);
    private final LossPlateauConfig config;

    public LossPlateauRule(LossPlateauConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LossPlateauState initialState() {
        return LossPlateauState.initial();
    }

    @Override
    public Class<LossPlateauState> stateType() {
        return LossPlateauState.class;
    }

    @Override
    public Evaluation<LossPlateauState> evaluate(LossPlateauState state, EventEnvelope envelope) {
        if (!(envelope.event() instanceof StepCompleted completed) || state.fired()
                || envelope.step() <= state.lastStep()) {
            return Evaluation.quiet(state);
        }
        long step = envelope.step();
        double loss = completed.loss();
        if (!Double.isFinite(loss)) {
            return Evaluation.fired(state.firedAt(step), nonFinite(envelope.runId(), state, step, loss));
        }
        int window = config.window();
        LossPlateauState next = state.withLoss(step, loss, window);
        if (!next.windowFull(window)) {
            return Evaluation.quiet(next);
        }
        double mean = next.windowMean();
        LossPlateauState.Best best = next.best();
        if (best == null || mean < best.mean() - config.minDelta()) {
            return Evaluation.quiet(next.withBest(mean, step));
        }
        if (step >= config.minSteps() && step - best.step() >= window) {
            return Evaluation.fired(next.firedAt(step), plateau(envelope.runId(), best, step, mean));
        }
        return Evaluation.quiet(next);
    }

    private Firing plateau(String runId, LossPlateauState.Best best, long step, double mean) {
        LossPlateauEvidence evidence = new LossPlateauEvidence(Condition.PLATEAU, step, config.window(),
                config.minDelta(), config.minSteps(), mean, best.mean(), best.step(), null);
        String reason = "run " + runId + ": loss has not improved for " + (step - best.step()) + " steps"
                + " (mean of the last " + config.window() + " losses is " + shown(mean) + " at step " + step
                + "; best " + shown(best.mean()) + " at step " + best.step() + "; an improvement must be more than "
                + shown(config.minDelta()) + " lower): stopping the run";
        return new Firing(step, stop(), evidence, reason);
    }

    private Firing nonFinite(String runId, LossPlateauState state, long step, double loss) {
        LossPlateauState.Best best = state.best();
        LossPlateauEvidence evidence = new LossPlateauEvidence(Condition.NON_FINITE_LOSS, step, config.window(),
                config.minDelta(), config.minSteps(),
                state.windowFull(config.window()) ? state.windowMean() : null,
                best == null ? null : best.mean(), best == null ? null : best.step(), Double.toString(loss));
        String reason = "run " + runId + ": loss is " + loss + " at step " + step
                + ", the run has diverged: stopping the run";
        return new Firing(step, stop(), evidence, reason);
    }

    private static List<Action> stop() {
        return List.of(new Action.FireTrigger(Triggers.STOP));
    }

    private static String shown(double value) {
        return new BigDecimal(value).round(SHOWN).stripTrailingZeros().toPlainString();
    }
}
