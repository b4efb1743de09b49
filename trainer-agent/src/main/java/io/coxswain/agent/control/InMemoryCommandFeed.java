package io.coxswain.agent.control;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command feed in memory, for tests and benchmarks: a log of records whose offsets are their indexes. Records go
 * through the same routing and signature checks as records from Kafka, so a test sees what a real client would
 * see, and {@link #start(FeedStart)} positions in the log as the Kafka feed does in its partition: a feed started at
 * the end skips what was sent before. Thread-safe: any thread may send.
 */
public final class InMemoryCommandFeed implements CommandFeed {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryCommandFeed.class);

    private final String runId;
    private final CommandFeedOptions options;
    private final List<Sent> log = new ArrayList<>();
    private int next = -1;
    private boolean closed;

    private record Sent(String key, byte[] value, Headers headers) {
    }

    public InMemoryCommandFeed(String runId) {
        this(runId, CommandFeedOptions.UNSIGNED);
    }

    public InMemoryCommandFeed(String runId, CommandFeedOptions options) {
        this.runId = runId;
        this.options = options;
    }

    /** Sends a command keyed by its own run id, as a well-behaved client does. */
    public void send(ControlCommand command) {
        sendRaw(command.runId(), Topics.CONTROL.codec().encode(command));
    }

    /** Sends a command keyed by its own run id and signed with {@code key}. */
    public void sendSigned(ControlCommand command, SigningKey key) {
        byte[] value = Topics.CONTROL.codec().encode(command);
        RecordHeaders headers = new RecordHeaders();
        headers.add(CommandSignature.header(key, value));
        sendRaw(command.runId(), value, headers);
    }

    /** Sends a record as it would arrive from any client: any key (null allowed), any JSON text. */
    public void sendRaw(String key, String json) {
        sendRaw(key, json.getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(String key, byte[] value) {
        sendRaw(key, value, new RecordHeaders());
    }

    /** Sends a record with any headers, e.g. a {@value CommandSignature#HEADER} made by hand. */
    public synchronized void sendRaw(String key, byte[] value, Headers headers) {
        log.add(new Sent(key, value == null ? null : value.clone(), new RecordHeaders(headers.toArray())));
    }

    /** The offset the next record sent will get. */
    public synchronized long endOffset() {
        return log.size();
    }

    @Override
    public synchronized long start(FeedStart from) {
        if (next >= 0) {
            throw new IllegalStateException("the in-memory feed of run " + runId + " is already started");
        }
        FeedPosition position = FeedPosition.of(from, "the in-memory feed of run " + runId, 0, log.size());
        position.warning().ifPresent(w -> LOG.warn("run {}: {}", runId, w));
        next = (int) position.offset();
        return position.offset();
    }

    @Override
    public synchronized List<IncomingCommand> drain() {
        List<IncomingCommand> drained = new ArrayList<>();
        if (next < 0 || closed) {
            return drained;
        }
        for (; next < log.size(); next++) {
            Sent sent = log.get(next);
            CommandAdmission.admit(runId, options, sent.key(), sent.value(), sent.headers(), next)
                    .ifPresent(drained::add);
        }
        return drained;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
