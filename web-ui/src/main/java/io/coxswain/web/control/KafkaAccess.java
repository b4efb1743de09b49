package io.coxswain.web.control;

import io.coxswain.protocol.signing.SigningKey;
import java.time.Duration;
import java.util.Optional;

/**
 * How the web UI reaches Kafka for writes and live events.
 *
 * @param bootstrap     Kafka bootstrap servers
 * @param signingKey    the key commands are signed with; empty: unsigned
 * @param answerTimeout how long a write waits for the agent's answer before answering 504
 */
public record KafkaAccess(String bootstrap, Optional<SigningKey> signingKey, Duration answerTimeout) {
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(10);

    public KafkaAccess {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers must not be empty");
        }
        signingKey = signingKey == null ? Optional.empty() : signingKey;
        if (answerTimeout == null || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("the answer timeout must be positive, got " + answerTimeout);
        }
    }

    public KafkaAccess(String bootstrap, Optional<SigningKey> signingKey) {
        this(bootstrap, signingKey, DEFAULT_ANSWER_TIMEOUT);
    }

    public static KafkaAccess unsigned(String bootstrap) {
        return new KafkaAccess(bootstrap, Optional.empty());
    }

    public KafkaAccess withAnswerTimeout(Duration timeout) {
        return new KafkaAccess(bootstrap, signingKey, timeout);
    }
}
