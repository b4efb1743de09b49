package io.coxswain.streams.rules.metrics;

import java.util.Map;

/** One logged training loss, as HF writes it to {@code log_history}. NaN and infinite losses are kept as they are. */
public record LoggedLoss(double loss, double epoch, long step) {

    /** The dict TrAC's {@code Loss} metric gives: {@code {"loss": x, "epoch": e, "step": s}}. */
    public Map<String, Object> toValue() {
        return Values.ordered("loss", loss, "epoch", epoch, "step", step);
    }
}
