package io.coxswain.web.control;

import io.coxswain.protocol.CoxswainException;

/** Every live event stream slot is taken: the web UI answers 503 with this message. */
public final class TooManyStreamsException extends CoxswainException {
    public TooManyStreamsException(String message) {
        super(message);
    }
}
