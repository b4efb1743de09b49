package io.coxswain.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import java.time.Instant;

/**
 * A {@code rule_set_loads} row: a rule set loaded, rejected or removed, under its pseudo-run {@code rules:<name>}.
 *
 * @param outcome     {@link #LOADED}, {@link #REJECTED} or {@link #REMOVED}
 * @param controllers the controllers' names (a JSON array) when loaded, else null
 * @param scope       the runs it applies to when loaded, else null
 * @param error       what is wrong, when rejected
 */
public record RuleSetChange(String eventId, String runId, String ruleSet, String outcome, String version,
                            String previousVersion, JsonNode controllers, JsonNode scope, String error, Instant at) {
    public static final String LOADED = "loaded";
    public static final String REJECTED = "rejected";
    public static final String REMOVED = "removed";

    static RuleSetChange loaded(EventHeader header, RuleSetLoaded loaded) {
        return new RuleSetChange(header.eventId(), header.runId(), loaded.name(), LOADED, loaded.version(),
                loaded.previous(), Json.mapper().valueToTree(loaded.controllers()), loaded.scope(), null,
                header.time());
    }

    static RuleSetChange rejected(EventHeader header, RuleSetRejected rejected) {
        return new RuleSetChange(header.eventId(), header.runId(), rejected.name(), REJECTED, rejected.version(),
                null, null, null, rejected.error(), header.time());
    }

    static RuleSetChange removed(EventHeader header, RuleSetRemoved removed) {
        return new RuleSetChange(header.eventId(), header.runId(), removed.name(), REMOVED, null,
                removed.previous(), null, null, null, header.time());
    }
}
