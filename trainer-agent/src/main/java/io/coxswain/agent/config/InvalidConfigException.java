package io.coxswain.agent.config;

import io.coxswain.protocol.CoxswainException;
import java.util.List;

/** A training configuration has one or more invalid settings; the message lists every one of them. */
public class InvalidConfigException extends CoxswainException {
    private final String runId;
    private final List<String> problems;

    public InvalidConfigException(String runId, List<String> problems) {
        super("invalid training configuration" + (runId == null ? "" : " for run " + runId) + " ("
                + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "): "
                + String.join("; ", problems));
        this.runId = runId;
        this.problems = List.copyOf(problems);
    }

    /** The run the configuration is for, or null when it has no usable run id. */
    public String runId() {
        return runId;
    }

    public List<String> problems() {
        return problems;
    }
}
