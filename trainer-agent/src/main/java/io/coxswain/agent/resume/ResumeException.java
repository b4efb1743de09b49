package io.coxswain.agent.resume;

import io.coxswain.protocol.CoxswainException;

/** A run cannot be resumed: no checkpoint, another configuration, already finished, or its history unreadable. */
public class ResumeException extends CoxswainException {
    public ResumeException(String message) {
        super(message);
    }
}
