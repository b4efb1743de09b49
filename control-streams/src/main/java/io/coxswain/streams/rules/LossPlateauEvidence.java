package io.coxswain.streams.rules;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What {@code loss_plateau} saw when it fired; null fields are left out of the JSON.
 *
 * @param condition     why it fired: {@code plateau} or {@code non_finite_loss}
 * @param step          the step at which it fired
 * @param window        the configured window
 * @param minDelta      the configured minimum improvement
 * @param minSteps      the configured first step at which a plateau may fire
 * @param currentMean   the mean of the last {@code window} losses, when the window was full
 * @param bestMean      the best window mean so far, once the window had been full
 * @param bestStep      the step of {@code bestMean}
 * @param nonFiniteLoss the loss as text ({@code NaN}, {@code Infinity}, {@code -Infinity}) for non_finite_loss
 */
public record LossPlateauEvidence(Condition condition, long step, int window, double minDelta, long minSteps,
                                  Double currentMean, Double bestMean, Long bestStep, String nonFiniteLoss)
        implements Evidence {

    public enum Condition {
        /** No window mean improved on the best by more than minDelta for a whole window of steps. */
        PLATEAU,
        /** A step reported a NaN or infinite loss: the run has diverged. */
        NON_FINITE_LOSS;

        @JsonValue
        public String wire() {
            return name().toLowerCase();
        }
    }
}
