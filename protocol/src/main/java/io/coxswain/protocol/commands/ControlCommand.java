package io.coxswain.protocol.commands;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A command on the control topic, keyed by run id. Every command gets exactly one answer event from the agent of its
 * run, per action: ParameterChanged or TriggerFired when applied, else one CommandRejected or CommandIgnored.
 */
@JsonPropertyOrder({"v", "type", "commandId", "runId", "issuedAt", "source", "actions", "reason"})
public record ControlCommand(String commandId, String runId, Instant issuedAt, CommandSource source,
                             List<Action> actions, String reason) {
    public static final int VERSION = 1;
    public static final String TYPE = "ControlCommand";

    public ControlCommand {
        actions = List.copyOf(actions);
    }

    @JsonProperty("v")
    public int v() {
        return VERSION;
    }

    @JsonProperty("type")
    public String type() {
        return TYPE;
    }
}
