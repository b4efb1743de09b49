package io.coxswain.agent.measure;

import io.coxswain.protocol.CoxswainException;

/** An energy source cannot be used on this machine; the message says why (for the log line of the choice). */
public class EnergySourceUnavailableException extends CoxswainException {
    private final String source;

    public EnergySourceUnavailableException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
