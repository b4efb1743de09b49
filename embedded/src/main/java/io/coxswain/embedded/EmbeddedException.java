package io.coxswain.embedded;

import io.coxswain.protocol.CoxswainException;

/** An embedded server (Kafka or PostgreSQL) could not start or stop. */
public class EmbeddedException extends CoxswainException {
    public EmbeddedException(String message, Throwable cause) {
        super(message, cause);
    }
}
