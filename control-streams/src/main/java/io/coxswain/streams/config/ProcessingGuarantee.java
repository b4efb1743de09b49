package io.coxswain.streams.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kafka Streams' processing guarantee. With {@link #AT_LEAST_ONCE} a crash can re-emit a command (the agent answers
 * {@code duplicate}, because command ids are deterministic) and, rarely, lose one whose rule state was already
 * written; {@link #EXACTLY_ONCE_V2} commits state, commands and offsets together, but needs brokers whose transaction
 * log can be replicated (on one broker: {@code transaction.state.log.replication.factor=1}).
 */
public enum ProcessingGuarantee {
    AT_LEAST_ONCE("at_least_once"),
    EXACTLY_ONCE_V2("exactly_once_v2");

    private final String kafkaName;

    ProcessingGuarantee(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The value of Kafka Streams' {@code processing.guarantee}. */
    public String kafkaName() {
        return kafkaName;
    }

    public static Optional<ProcessingGuarantee> fromKafkaName(String name) {
        return Arrays.stream(values()).filter(g -> g.kafkaName.equals(name)).findFirst();
    }
}
