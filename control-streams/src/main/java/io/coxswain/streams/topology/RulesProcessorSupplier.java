package io.coxswain.streams.topology;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.engine.RuleSetRegistry;
import io.coxswain.streams.engine.RunInfo;
import io.coxswain.streams.engine.RunRuleState;
import io.coxswain.streams.engine.RunTrack;
import io.coxswain.streams.internal.JsonSerde;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Supplies a {@link RulesProcessor} for a stage, with its three persistent, changelogged stores. Their record caches
 * are on, so a run's state written several times between two commits reaches RocksDB and the changelog once.
 */
final class RulesProcessorSupplier implements ProcessorSupplier<String, EventEnvelope, String, Object> {
    private final RuleSetRegistry registry;
    private final RulesStage stage;

    RulesProcessorSupplier(RuleSetRegistry registry, RulesStage stage) {
        this.registry = registry;
        this.stage = stage;
    }

    @Override
    public Processor<String, EventEnvelope, String, Object> get() {
        return new RulesProcessor(registry, stage);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stage.infoStore()), Serdes.String(),
                        new JsonSerde<>(RunInfo.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stage.ruleStateStore()), Serdes.String(),
                        new JsonSerde<>(RunRuleState.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stage.trackStore()), Serdes.String(),
                        new JsonSerde<>(RunTrack.class)).withCachingEnabled());
    }
}
