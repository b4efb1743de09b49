package io.coxswain.streams.topology;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.internal.JsonSerde;
import io.coxswain.streams.rules.Rule;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Supplies a {@link RuleProcessor} for a rule, with the rule's persistent, changelogged state store. */
final class RuleProcessorSupplier<S> implements ProcessorSupplier<String, EventEnvelope, String, ControlCommand> {
    private final Rule<S> rule;

    RuleProcessorSupplier(Rule<S> rule) {
        this.rule = rule;
    }

    @Override
    public Processor<String, EventEnvelope, String, ControlCommand> get() {
        return new RuleProcessor<>(rule, ControlTopology.stateStoreName(rule.name()));
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ControlTopology.stateStoreName(rule.name())),
                Serdes.String(), new JsonSerde<>(rule.stateType())).withCachingEnabled());
    }
}
