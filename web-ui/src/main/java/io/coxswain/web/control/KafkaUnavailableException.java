package io.coxswain.web.control;

import io.coxswain.protocol.CoxswainException;

/** Kafka did not answer, or the topics are missing: the web UI answers 503 with this message. */
public final class KafkaUnavailableException extends CoxswainException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
