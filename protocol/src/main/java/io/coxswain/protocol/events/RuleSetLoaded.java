package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A rule set was loaded, or replaced an earlier version, and now applies to the runs in its scope. Published under
 * the pseudo-run {@code rules:<name>}.
 *
 * @param version     the SHA-256 of the rule set's text, hex
 * @param previous    the version it replaced, or null for a first load
 * @param controllers the controllers' names, in file order
 * @param scope       the runs it applies to ({@code experiments}, {@code tags}); an empty object for every run
 */
public record RuleSetLoaded(@JsonProperty(required = true) String name,
                            @JsonProperty(required = true) String version, String previous,
                            @JsonProperty(required = true) List<String> controllers,
                            @JsonProperty(required = true) JsonNode scope) implements RunEvent {
    public RuleSetLoaded {
        controllers = List.copyOf(controllers);
    }
}
