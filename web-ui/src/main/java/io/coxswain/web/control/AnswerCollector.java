package io.coxswain.web.control;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers the agent's answers to one command from the run's events, in order, and says when they are complete: one
 * rejection or ignore ends it, else one applied answer per action. A RunFinished before that ends it too. Pure.
 */
public final class AnswerCollector {
    private final ControlCommand command;
    private final List<EventEnvelope> answers = new ArrayList<>();
    private int applied;
    private RelayedAnswer result;

    public AnswerCollector(ControlCommand command) {
        this.command = command;
    }

    /** Takes one event of any run; returns the complete answer once it is. */
    public Optional<RelayedAnswer> accept(EventEnvelope event) {
        if (result != null || !command.runId().equals(event.runId())) {
            return Optional.ofNullable(result);
        }
        if (event.event() instanceof RunFinished finished) {
            result = RelayedAnswer.finished(command.commandId(), "run " + command.runId() + " finished ("
                    + finished.reason() + ") at step " + event.step() + " before answering", answers);
            return Optional.of(result);
        }
        if (!command.commandId().equals(CommandAnswer.commandIdOf(event.event()))) {
            return Optional.empty();
        }
        answers.add(event);
        if (event.event() instanceof CommandRejected r) {
            result = new RelayedAnswer(command.commandId(), RelayedAnswer.Outcome.REJECTED, r.reason(), answers);
        } else if (event.event() instanceof CommandIgnored i) {
            result = new RelayedAnswer(command.commandId(), RelayedAnswer.Outcome.IGNORED, i.why(), answers);
        } else if (++applied == command.actions().size()) {
            result = new RelayedAnswer(command.commandId(), RelayedAnswer.Outcome.APPLIED, null, answers);
        }
        return Optional.ofNullable(result);
    }

    /** How many answers arrived so far. */
    public int seen() {
        return answers.size();
    }
}
