package io.coxswain.streams.placement;

import io.coxswain.protocol.events.EventEnvelope;

/** What {@link CommandPlacement} decided about one record of {@code coxswain.control}. */
public sealed interface Placement {

    /** The record sits on the partition its run's agent reads: the agent answers it, nothing to do here. */
    record Correct() implements Placement {
    }

    /**
     * The record sits on a partition its run's agent never reads; {@code answer} (a {@code CommandRejected}) is the
     * only answer the sender will get, to be published on {@code coxswain.run-events}.
     */
    record Misplaced(EventEnvelope answer) implements Placement {
    }

    /** The record has no run id as its key, so there is no run to answer: it goes to the dead-letter topic. */
    record Unkeyed(String reason) implements Placement {
    }

    /**
     * The record's partition is beyond the partition count this app knows: the topic grew after the app started, and
     * which partition the run reads now cannot be told.
     */
    record Unjudgeable(String reason) implements Placement {
    }
}
