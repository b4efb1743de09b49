package io.coxswain.agent.events;

import io.coxswain.protocol.CoxswainException;

/** Events of a run could not be delivered. */
public class EventSinkException extends CoxswainException {
    public EventSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
