package io.coxswain.streams.rules.metrics;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One logged training loss, as HF writes it to {@code log_history}. NaN and infinite losses are kept as they are. In a
 * state store it is the array {@code [loss, epoch, step]}: histories hold many of them.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"loss", "epoch", "step"})
public record LoggedLoss(double loss, double epoch, long step) {

    /** The dict TrAC's {@code Loss} metric gives: {@code {"loss": x, "epoch": e, "step": s}}. */
    public Map<String, Object> toValue() {
        return Values.ordered("loss", loss, "epoch", epoch, "step", step);
    }
}
