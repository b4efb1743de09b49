package io.coxswain.protocol.signing;

import io.coxswain.protocol.CoxswainException;

/** A signing key file that is missing, unreadable or too short; the message names the file. */
public class InvalidSigningKeyException extends CoxswainException {
    public InvalidSigningKeyException(String message) {
        super(message);
    }

    public InvalidSigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
