package io.coxswain.agent.replay;

import io.coxswain.protocol.CoxswainException;
import java.util.List;

/** A control schedule cannot be read or does not fit its run; the message lists every problem, naming its entry. */
public class InvalidScheduleException extends CoxswainException {
    private final List<String> problems;

    public InvalidScheduleException(String source, List<String> problems) {
        super("invalid control schedule " + source + " (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
