package io.coxswain.agent.control;

import java.util.List;

/**
 * Where a run's commands come from. The training thread calls {@link #drain} between steps; a feed may read on a
 * thread of its own. Implementations: {@code kafka.KafkaCommandFeed} and {@link InMemoryCommandFeed}.
 */
public interface CommandFeed extends AutoCloseable {

    /**
     * Starts reading from {@code from}: at the end of the run's partition for a new run, or right after the last
     * record a resumed run had answered. Returns once the feed is positioned, so that every command sent after this
     * returns is delivered. Throws {@link CommandFeedException} if the feed cannot start.
     *
     * @return the offset of the first record the feed reads; a run that has answered nothing yet has read up to
     *         this offset minus one, which is where it resumes ({@link FeedStart#afterOffset})
     */
    long start(FeedStart from);

    /** Starts a new run's feed: {@code start(FeedStart.atEnd())}. */
    default long start() {
        return start(FeedStart.atEnd());
    }

    /** The commands of this run received since the last call, oldest first; never blocks. */
    List<IncomingCommand> drain();

    @Override
    void close();
}
