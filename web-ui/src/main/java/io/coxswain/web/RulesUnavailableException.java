package io.coxswain.web;

import io.coxswain.protocol.CoxswainException;

/** A checked rule set could not be published: no Kafka configured, or the broker did not acknowledge in time. */
public final class RulesUnavailableException extends CoxswainException {
    public RulesUnavailableException(String message) {
        super(message);
    }

    public RulesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
