package io.coxswain.ledger.testing;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs publishing at once, step by step across the runs, with a command on {@code coxswain.control} for every run
 * every {@code commandEvery} steps; remembers what it sent, to check what the ledger stored.
 */
public final class Fleet {
    private final String prefix = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RunScript> runs = new ArrayList<>();
    private final int commandEvery;
    private final Set<String> eventIds = new TreeSet<>();
    private final Set<String> commandIds = new TreeSet<>();
    private long nextStep = 1;

    public Fleet(int runCount, int commandEvery) {
        for (int i = 0; i < runCount; i++) {
            runs.add(new RunScript(prefix + "-" + i));
        }
        this.commandEvery = commandEvery;
    }

    /** The next {@code steps} steps of every run (the first call starts them), sent without waiting; then flushed. */
    public void publish(TestProducer producer, int steps) {
        for (int s = 0; s < steps; s++, nextStep++) {
            for (RunScript run : runs) {
                if (nextStep == 1) {
                    send(producer, run.started());
                }
                send(producer, run.step(nextStep, 1.0 / nextStep, 0.01, 32));
                if (nextStep % commandEvery == 0) {
                    ControlCommand command = new ControlCommand("cmd-" + UUID.randomUUID(), runId(run),
                            RunScript.BASE_TIME.plusSeconds(nextStep), CommandSource.user("ada"),
                            List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.01))), "why not");
                    producer.sendLater(Topics.CONTROL, command.runId(), command);
                    commandIds.add(command.commandId());
                }
            }
        }
        producer.flush();
    }

    /** Every event and command sent so far that the database at {@code jdbi} does not hold exactly once. */
    public List<String> notStoredExactlyOnce(Jdbi jdbi) {
        List<String> stored = jdbi.withHandle(h -> h.createQuery("""
                        SELECT CASE WHEN type = 'ControlCommand' THEN 'command ' || command_id
                                    ELSE 'event ' || event_id END
                          FROM events WHERE run_id LIKE :prefix""")
                .bind("prefix", prefix + "-%").mapTo(String.class).list());
        List<String> expected = new ArrayList<>();
        eventIds.forEach(id -> expected.add("event " + id));
        commandIds.forEach(id -> expected.add("command " + id));
        Map<String, Integer> copies = new HashMap<>();
        stored.forEach(id -> copies.merge(id, 1, Integer::sum));
        List<String> wrong = new ArrayList<>();
        for (String id : expected) {
            int n = copies.getOrDefault(id, 0);
            if (n != 1) {
                wrong.add(id + " stored " + n + " times");
            }
            copies.remove(id);
        }
        copies.keySet().forEach(id -> wrong.add(id + " stored but never sent"));
        return wrong;
    }

    public List<String> runIds() {
        return runs.stream().map(RunScript::runId).toList();
    }

    public long sent() {
        return eventIds.size() + commandIds.size();
    }

    private void send(TestProducer producer, EventEnvelope event) {
        producer.sendLater(Topics.RUN_EVENTS, event.runId(), event);
        eventIds.add(event.header().eventId());
    }

    private static String runId(RunScript run) {
        return run.runId();
    }
}
