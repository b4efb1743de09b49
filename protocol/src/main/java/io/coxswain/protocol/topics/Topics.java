package io.coxswain.protocol.topics;

import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;

/** Every topic of Coxswain. Keys are the run id everywhere. */
public final class Topics {
    public static final int DEFAULT_PARTITIONS = 12;

    /** What runs do: events from agents, and RuleFailed from control-streams. */
    public static final Topic<EventEnvelope> RUN_EVENTS = new Topic<>("coxswain.run-events", new EventCodec());

    /** What runs are told to do: commands from people, rules, replays and any other client. */
    public static final Topic<ControlCommand> CONTROL = new Topic<>("coxswain.control", new CommandCodec());

    /** Records no component could decode, as they came, with the reason in the {@code coxswain.reason} header. */
    public static final Topic<byte[]> DEAD_LETTER = new Topic<>("coxswain.dead-letter", new RawCodec());

    /**
     * Rule sets, compacted: key the rule set's name, value its YAML text (UTF-8), a null value withdraws it. One
     * partition, so every load is ordered. Control-streams instances hot-reload it.
     */
    public static final String RULES = "coxswain.rules";

    /** The pseudo-run id under which the events about rule set {@code name} (loaded, rejected, removed) go. */
    public static String rulesRunId(String name) {
        return "rules:" + name;
    }

    public static final String REASON_HEADER = "coxswain.reason";
    public static final String SOURCE_TOPIC_HEADER = "coxswain.source-topic";

    private Topics() {
    }
}
