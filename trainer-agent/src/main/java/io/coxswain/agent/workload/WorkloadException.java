package io.coxswain.agent.workload;

import io.coxswain.protocol.CoxswainException;

/** A workload could not be built, trained, evaluated or checkpointed. */
public class WorkloadException extends CoxswainException {
    public WorkloadException(String message) {
        super(message);
    }

    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
