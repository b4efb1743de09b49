package io.coxswain.agent.kafka;

import io.coxswain.protocol.CoxswainException;

/** No Kafka broker answered at the bootstrap address within the time allowed. */
public class KafkaUnreachableException extends CoxswainException {
    private final String bootstrap;

    public KafkaUnreachableException(String bootstrap, String message, Throwable cause) {
        super(message, cause);
        this.bootstrap = bootstrap;
    }

    public String bootstrap() {
        return bootstrap;
    }
}
