package io.coxswain.agent.control;

import java.util.List;

/**
 * Where a run's commands come from. The training thread calls {@link #drain} between steps; a feed may read on a
 * thread of its own. Implementations: {@code kafka.KafkaCommandFeed} and {@link InMemoryCommandFeed}.
 */
public interface CommandFeed extends AutoCloseable {

    /**
     * Starts reading. Returns once the feed is positioned, so that every command sent after this returns is
     * delivered. Throws {@link CommandFeedException} if the feed cannot start.
     */
    void start();

    /** The commands of this run received since the last call, oldest first; never blocks. */
    List<IncomingCommand> drain();

    @Override
    void close();
}
