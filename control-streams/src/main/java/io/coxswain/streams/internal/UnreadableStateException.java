package io.coxswain.streams.internal;

import io.coxswain.protocol.CoxswainException;

/** Bytes in a state store could not be read back as the rule state they should hold. */
public class UnreadableStateException extends CoxswainException {
    public UnreadableStateException(Class<?> type, Throwable cause) {
        super("cannot read stored " + type.getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
