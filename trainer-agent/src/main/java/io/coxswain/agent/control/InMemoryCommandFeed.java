package io.coxswain.agent.control;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A command feed in memory, for tests and benchmarks. Commands go through the same encoding and routing as records
 * from Kafka, so a test sees what a real client would see. Thread-safe: any thread may send.
 */
public final class InMemoryCommandFeed implements CommandFeed {
    private final String runId;
    private final ConcurrentLinkedQueue<IncomingCommand> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong offsets = new AtomicLong();

    public InMemoryCommandFeed(String runId) {
        this.runId = runId;
    }

    /** Sends a command keyed by its own run id, as a well-behaved client does. */
    public void send(ControlCommand command) {
        sendRaw(command.runId(), Topics.CONTROL.codec().encode(command));
    }

    /** Sends a record as it would arrive from any client: any key (null allowed), any JSON text. */
    public void sendRaw(String key, String json) {
        sendRaw(key, json.getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(String key, byte[] value) {
        long offset = offsets.getAndIncrement();
        CommandRouting.route(runId, key, value, offset).ifPresent(queue::add);
    }

    @Override
    public void start() {
        // Nothing to position: records are kept from construction on.
    }

    @Override
    public List<IncomingCommand> drain() {
        List<IncomingCommand> drained = new ArrayList<>();
        IncomingCommand next;
        while ((next = queue.poll()) != null) {
            drained.add(next);
        }
        return drained;
    }

    @Override
    public void close() {
        queue.clear();
    }
}
