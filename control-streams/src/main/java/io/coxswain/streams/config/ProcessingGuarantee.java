package io.coxswain.streams.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kafka Streams' processing guarantee. {@link #EXACTLY_ONCE_V2}, the default, commits rule state, commands, answers
 * and input offsets in one transaction, so a crash neither loses nor repeats a command; it needs brokers whose
 * transaction log can be replicated (on one broker: {@code transaction.state.log.replication.factor=1}, as the
 * embedded broker has). With {@link #AT_LEAST_ONCE} a crash can re-emit a command (the agent answers
 * {@code duplicate}, because command ids are deterministic) and, rarely, lose one: the rule state that says "fired"
 * reached its changelog, the command did not.
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
