package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import java.time.Instant;
import java.util.List;

/** Commands as tests write them. */
public final class TestCommands {
    public static final String RUN = "r-1";
    public static final CommandSource ALICE = CommandSource.user("alice");
    public static final Instant ISSUED = Instant.parse("2026-11-22T10:00:00Z");

    private TestCommands() {
    }

    public static ControlCommand command(String id, Action... actions) {
        return command(id, ALICE, actions);
    }

    public static ControlCommand command(String id, CommandSource source, Action... actions) {
        return new ControlCommand(id, RUN, ISSUED, source, List.of(actions), "test");
    }

    public static Action set(String param, JsonNode value) {
        return new Action.SetParameter(param, value);
    }

    public static Action set(String param, double value) {
        return set(param, DoubleNode.valueOf(value));
    }

    public static Action set(String param, int value) {
        return set(param, IntNode.valueOf(value));
    }

    public static Action set(String param, String value) {
        return set(param, TextNode.valueOf(value));
    }

    public static Action trigger(String name) {
        return new Action.FireTrigger(name);
    }

    /** A load_checkpoint action; {@code fromRun} may be null. */
    public static Action load(String checkpoint, String fromRun) {
        return new Action.LoadCheckpoint(checkpoint, fromRun);
    }
}
