package io.coxswain.streams.topology;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.engine.RuleSetRegistry;
import io.coxswain.streams.rules.trac.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code coxswain.rules} (one partition, so one task in the whole app) and records each load, replacement,
 * rejection and withdrawal once, as an event under the pseudo-run {@code rules:<name>} for the ledger. Which version
 * is accepted is decided here from this task's own store, not from the instance's registry (another instance's
 * registry may have seen the text first); the registry of this instance is updated too.
 */
final class RuleSetLoadProcessor implements Processor<String, String, String, EventEnvelope> {
    static final String STORE = "rule-set-versions";
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetLoadProcessor.class);

    private final RuleSetRegistry registry;
    private ProcessorContext<String, EventEnvelope> context;
    private KeyValueStore<String, String> versions;

    RuleSetLoadProcessor(RuleSetRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, EventEnvelope> context) {
        this.context = context;
        this.versions = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        String name = record.key();
        if (name == null || name.isBlank()) {
            LOG.error("a record on {} has no rule set name as key; ignored", Topics.RULES);
            return;
        }
        registry.update(name, record.value());
        String previous = versions.get(name);
        RunEvent event = record.value() == null ? removed(name, previous) : loaded(name, record.value(), previous);
        if (event != null) {
            Instant time = Instant.ofEpochMilli(record.timestamp());
            context.forward(new Record<>(Topics.rulesRunId(name), envelope(name, event, time), record.timestamp()));
        }
    }

    private RunEvent removed(String name, String previous) {
        if (previous == null) {
            return null;
        }
        versions.delete(name);
        LOG.info("rule set {} withdrawn (was {})", name, shortVersion(previous));
        return new RuleSetRemoved(name, previous);
    }

    private RunEvent loaded(String name, String text, String previous) {
        String version = RuleSet.versionOf(text);
        if (version.equals(previous)) {
            return null;
        }
        RuleSet set;
        try {
            set = registry.parse(name, text);
        } catch (RuntimeException e) {
            LOG.warn("rule set {} version {} rejected: {}", name, shortVersion(version), e.getMessage());
            return new RuleSetRejected(name, version, e.getMessage());
        }
        versions.put(name, version);
        LOG.info("rule set {} version {} loaded ({} controllers{})", name, shortVersion(version),
                set.controllers().size(), previous == null ? "" : ", replacing " + shortVersion(previous));
        return new RuleSetLoaded(name, version, previous, set.controllerNames(), scopeJson(set.scope()));
    }

    private static com.fasterxml.jackson.databind.JsonNode scopeJson(Scope scope) {
        var node = io.coxswain.protocol.codec.Json.mapper().createObjectNode();
        if (!scope.experiments().isEmpty()) {
            scope.experiments().forEach(node.putArray("experiments")::add);
        }
        if (!scope.tags().isEmpty()) {
            scope.tags().forEach(node.putArray("tags")::add);
        }
        return node;
    }

    private EventEnvelope envelope(String name, RunEvent event, Instant time) {
        String identity = "rules\u0000" + name + "\u0000" + event;
        String id = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
        return new EventEnvelope(new EventHeader(id, Topics.rulesRunId(name), null, 0, 0, time), event);
    }

    private static String shortVersion(String version) {
        return version.substring(0, Math.min(12, version.length()));
    }
}
