package io.coxswain.agent.checkpoint;

import io.coxswain.protocol.CoxswainException;

/** A checkpoint could not be written, listed or read; the message names the path. */
public class CheckpointException extends CoxswainException {
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    public CheckpointException(String message) {
        super(message);
    }
}
