package io.coxswain.streams;

import io.coxswain.protocol.CoxswainException;

/** control-streams could not be created or did not reach RUNNING; the message names the Kafka address it used. */
public class StreamsStartException extends CoxswainException {
    private final String bootstrapServers;

    public StreamsStartException(String bootstrapServers, String message, Throwable cause) {
        super(message, cause);
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
