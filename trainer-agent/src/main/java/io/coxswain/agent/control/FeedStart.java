package io.coxswain.agent.control;

/** Where a command feed starts reading its run's partition. */
public sealed interface FeedStart {

    /** A new run: only commands sent after {@link CommandFeed#start} returns. */
    static FeedStart atEnd() {
        return new AtEnd();
    }

    /**
     * A resumed run: every command after {@code offset}, the last record the run had answered before it stopped
     * ({@link IncomingCommand#offset()}); -1 reads the partition from its beginning.
     */
    static FeedStart afterOffset(long offset) {
        return new AfterOffset(offset);
    }

    record AtEnd() implements FeedStart {
    }

    record AfterOffset(long offset) implements FeedStart {
        public AfterOffset {
            if (offset < -1) {
                throw new IllegalArgumentException("a feed starts after an offset >= -1, not " + offset);
            }
        }
    }
}
