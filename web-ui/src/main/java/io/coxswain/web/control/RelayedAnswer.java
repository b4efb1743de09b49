package io.coxswain.web.control;

import io.coxswain.protocol.events.EventEnvelope;
import java.util.List;
import java.util.Locale;

/**
 * What the agent answered to one command.
 *
 * @param reason  the rejection reason, the cause of an ignore, or why no answer will come; null when applied
 * @param answers every answer event of the command, in order
 */
public record RelayedAnswer(String commandId, Outcome outcome, String reason, List<EventEnvelope> answers) {

    public enum Outcome {
        APPLIED, REJECTED, IGNORED, FINISHED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RelayedAnswer {
        answers = List.copyOf(answers);
    }

    static RelayedAnswer finished(String commandId, String why, List<EventEnvelope> answers) {
        return new RelayedAnswer(commandId, Outcome.FINISHED, why, answers);
    }
}
