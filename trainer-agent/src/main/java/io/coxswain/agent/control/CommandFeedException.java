package io.coxswain.agent.control;

import io.coxswain.protocol.CoxswainException;

/** The control feed of a run could not start or stopped reading; commands would go unanswered. */
public class CommandFeedException extends CoxswainException {
    public CommandFeedException(String message) {
        super(message);
    }

    public CommandFeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
