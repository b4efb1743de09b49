package io.coxswain.streams.topology;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.internal.TopicSerde;
import io.coxswain.streams.rules.LossPlateauRule;
import io.coxswain.streams.rules.Rule;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The control-streams topology:
 * <pre>
 * coxswain.run-events (bytes) -> decode -+-> undecodable -> dead-letter headers -> coxswain.dead-letter
 *                                        +-> events -> rule loss_plateau [state store] -> coxswain.control
 *
 * coxswain.control (bytes) -> placement check -+-> misplaced: CommandRejected -> coxswain.run-events
 *                                              +-> no key -> dead-letter headers -> coxswain.dead-letter
 * </pre>
 * Records are keyed by run id throughout, so one run's events and state stay on one partition and one task. The
 * placement check answers commands that sit on a partition their run's agent does not read (see
 * {@link io.coxswain.streams.placement.CommandPlacement}); it reads this app's own commands too, which are always
 * placed right.
 */
public final class ControlTopology {
    /** The author of every command this app sends. */
    public static final String AUTHOR = "control-streams";

    private ControlTopology() {
    }

    /** Adds the topology to {@code builder}; the app and the tests both build it here, from the same config. */
    public static void build(StreamsBuilder builder, ControlStreamsConfig config) {
        KStream<String, Decoding> decoded = builder
                .stream(Topics.RUN_EVENTS.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("run-events"))
                .mapValues(Decoding::of, Named.as("decode"));

        decoded.flatMapValues(Decoding::undecodables, Named.as("undecodable"))
                .process(() -> new DeadLetterProcessor(Topics.RUN_EVENTS.name()), Named.as("dead-letter-headers"))
                .to(Topics.DEAD_LETTER.name(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter"));

        KStream<String, EventEnvelope> events = decoded.flatMapValues(Decoding::events, Named.as("events"));
        addRule(events, new LossPlateauRule(config.lossPlateau()));

        addPlacementCheck(builder, config.controlPartitions());
    }

    /** The name of the state store that holds {@code rule}'s per-run state. */
    public static String stateStoreName(String rule) {
        return "rule-state-" + rule;
    }

    private static <S> void addRule(KStream<String, EventEnvelope> events, Rule<S> rule) {
        events.process(new RuleProcessorSupplier<>(rule), Named.as("rule-" + rule.name()))
                .to(Topics.CONTROL.name(), Produced.with(Serdes.String(), new TopicSerde<>(Topics.CONTROL))
                        .withName("control-" + rule.name()));
    }

    private static void addPlacementCheck(StreamsBuilder builder, int controlPartitions) {
        KStream<String, Decoding> checked = builder
                .stream(Topics.CONTROL.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("control"))
                .process(() -> new PlacementProcessor(controlPartitions), Named.as("placement-check"));

        checked.flatMapValues(Decoding::events, Named.as("misplaced"))
                .to(Topics.RUN_EVENTS.name(), Produced.with(Serdes.String(), new TopicSerde<>(Topics.RUN_EVENTS))
                        .withName("misplaced-answers"));

        checked.flatMapValues(Decoding::undecodables, Named.as("unkeyed"))
                .process(() -> new DeadLetterProcessor(Topics.CONTROL.name()),
                        Named.as("control-dead-letter-headers"))
                .to(Topics.DEAD_LETTER.name(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("control-dead-letter"));
    }
}
