package io.coxswain.streams.topology;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.engine.RuleEngine;
import io.coxswain.streams.engine.RuleSetRegistry;
import io.coxswain.streams.internal.TopicSerde;
import io.coxswain.streams.rules.LossPlateauRule;
import io.coxswain.streams.rules.Rule;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The control-streams topology:
 * <pre>
 * coxswain.run-events (bytes) -> decode -+-> undecodable -> dead-letter headers -> coxswain.dead-letter
 *                                        +-> events -> rule loss_plateau [state store] -> coxswain.control
 *                                        +-> events (not rule reports) -> rule-sets [run-info, rule-state stores]
 *                                        |        -> commands -> coxswain.control; reports -> coxswain.run-events
 *                                        +-> events of experiments, when a cohort rule set runs -> by experiment
 *                                                 -> repartition -> cohort-rule-sets [run-info, rule-state, tracks]
 *                                                 -> commands -> coxswain.control; reports -> coxswain.run-events
 * coxswain.rules (name -> YAML) -> rule-set-loads [versions store] -> RuleSetLoaded/Rejected/Removed
 *                                                                   -> coxswain.run-events (run rules:NAME)
 *
 * coxswain.control (bytes) -> placement check -+-> misplaced: CommandRejected -> coxswain.run-events
 *                                              +-> no key -> dead-letter headers -> coxswain.dead-letter
 * </pre>
 * Records are keyed by run id (the cohort stage: by experiment id), so one run's events and state stay on one
 * partition and one task. The rule sets come from the instance's {@link RuleSetRegistry}, which {@code RulesFeed}
 * keeps current from {@code coxswain.rules}. The
 * placement check answers commands that sit on a partition their run's agent does not read (see
 * {@link io.coxswain.streams.placement.CommandPlacement}); it reads this app's own commands too, which are always
 * placed right.
 */
public final class ControlTopology {
    /** The author of every command this app sends. */
    public static final String AUTHOR = "control-streams";

    private ControlTopology() {
    }

    /** Adds the topology with a registry of its own, fed only by the rules topic's load processor. */
    public static void build(StreamsBuilder builder, ControlStreamsConfig config) {
        build(builder, config, new RuleSetRegistry());
    }

    /**
     * Adds the topology to {@code builder}; the app and the tests both build it here, from the same config. The rule
     * processors read their rule sets from {@code registry}, which the app keeps current from the rules topic.
     */
    public static void build(StreamsBuilder builder, ControlStreamsConfig config, RuleSetRegistry registry) {
        build(builder, config, registry, command -> { });
    }

    /** As above; {@code onCommand} sees every command a rule sends (to count firings), before it is produced. */
    public static void build(StreamsBuilder builder, ControlStreamsConfig config, RuleSetRegistry registry,
                             Consumer<ControlCommand> onCommand) {
        KStream<String, Decoding> decoded = builder
                .stream(Topics.RUN_EVENTS.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("run-events"))
                .mapValues(Decoding::of, Named.as("decode"));

        decoded.flatMapValues(Decoding::undecodables, Named.as("undecodable"))
                .process(() -> new DeadLetterProcessor(Topics.RUN_EVENTS.name()), Named.as("dead-letter-headers"))
                .to(Topics.DEAD_LETTER.name(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter"));

        KStream<String, EventEnvelope> events = decoded.flatMapValues(Decoding::events, Named.as("events"));
        addRule(events, new LossPlateauRule(config.lossPlateau()), onCommand);
        addRuleSets(events, registry, onCommand);
        addRuleSetLoads(builder, registry);

        addPlacementCheck(builder, config.controlPartitions());
    }

    /** The name of the state store that holds {@code rule}'s per-run state. */
    public static String stateStoreName(String rule) {
        return "rule-state-" + rule;
    }

    private static <S> void addRule(KStream<String, EventEnvelope> events, Rule<S> rule,
                                    Consumer<ControlCommand> onCommand) {
        events.process(new RuleProcessorSupplier<>(rule), Named.as("rule-" + rule.name()))
                .peek((runId, command) -> onCommand.accept(command), Named.as("count-" + rule.name()))
                .to(Topics.CONTROL.name(), Produced.with(Serdes.String(), new TopicSerde<>(Topics.CONTROL))
                        .withName("control-" + rule.name()));
    }

    private static void addRuleSets(KStream<String, EventEnvelope> events, RuleSetRegistry registry,
                                    Consumer<ControlCommand> onCommand) {
        KStream<String, EventEnvelope> fromRuns = events.filterNot((runId, e) -> RuleEngine.producedByRules(e),
                Named.as("run-events-for-rules"));
        route(fromRuns.process(new RulesProcessorSupplier(registry, RulesStage.PER_RUN),
                Named.as(RulesStage.PER_RUN.processorName())), RulesStage.PER_RUN, onCommand);

        KStream<String, EventEnvelope> byExperiment = fromRuns
                .filter((runId, e) -> e.header().experimentId() != null && registry.hasCohortSets(),
                        Named.as("cohort-candidates"))
                .selectKey((runId, e) -> e.header().experimentId(), Named.as("by-experiment"))
                .repartition(Repartitioned.with(Serdes.String(), new TopicSerde<>(Topics.RUN_EVENTS))
                        .withName("cohort-events"));
        route(byExperiment.process(new RulesProcessorSupplier(registry, RulesStage.COHORT),
                Named.as(RulesStage.COHORT.processorName())), RulesStage.COHORT, onCommand);
    }

    /** Commands go to the control topic, reports about runs to the events topic; both keyed by run id. */
    private static void route(KStream<String, Object> out, RulesStage stage, Consumer<ControlCommand> onCommand) {
        String name = stage.processorName();
        out.filter((runId, value) -> value instanceof ControlCommand, Named.as(name + "-commands"))
                .mapValues(value -> (ControlCommand) value, Named.as(name + "-as-commands"))
                .peek((runId, command) -> onCommand.accept(command), Named.as(name + "-count"))
                .to(Topics.CONTROL.name(), Produced.with(Serdes.String(), new TopicSerde<>(Topics.CONTROL))
                        .withName(name + "-to-control"));
        out.filter((runId, value) -> value instanceof EventEnvelope, Named.as(name + "-reports"))
                .mapValues(value -> (EventEnvelope) value, Named.as(name + "-as-events"))
                .to(Topics.RUN_EVENTS.name(), Produced.with(Serdes.String(), new TopicSerde<>(Topics.RUN_EVENTS))
                        .withName(name + "-to-events"));
    }

    private static void addRuleSetLoads(StreamsBuilder builder, RuleSetRegistry registry) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RuleSetLoadProcessor.STORE), Serdes.String(), Serdes.String()));
        builder.stream(Topics.RULES, Consumed.with(Serdes.String(), Serdes.String()).withName("rules-topic"))
                .process(() -> new RuleSetLoadProcessor(registry), Named.as("rule-set-loads"),
                        RuleSetLoadProcessor.STORE)
                .to(Topics.RUN_EVENTS.name(), Produced.with(Serdes.String(), new TopicSerde<>(Topics.RUN_EVENTS))
                        .withName("rule-set-events"));
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
