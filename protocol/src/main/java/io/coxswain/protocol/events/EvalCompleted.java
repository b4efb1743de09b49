package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An evaluation on held-out data finished, e.g. {@code eval_loss}, {@code eval_accuracy}. */
public record EvalCompleted(@JsonProperty(required = true) Map<String, Double> metrics) implements RunEvent {
}
