package io.coxswain.agent.spool;

/** What became of an event handed to a {@link Backlog}. */
public enum Admission {
    /** Kept in memory. */
    QUEUED,
    /** Kept; memory was full, so the oldest event in memory moved to the disk spool. */
    SPILLED,
    /** Kept in memory past its bound: memory and spool are full but the event is never dropped. */
    KEPT_OVER_BOUND,
    /** Dropped and counted: memory and spool are full (see {@code DropPolicy}). */
    DROPPED,
    /** Refused: the backlog is closed. */
    CLOSED
}
