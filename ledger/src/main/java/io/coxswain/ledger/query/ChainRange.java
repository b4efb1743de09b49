package io.coxswain.ledger.query;

/**
 * A range of the key {@code (run_id, run_seq)}: the rows after {@code from} up to and including {@code to}; a null
 * bound is open.
 */
record ChainRange(Key from, Key to) {

    /** One row's place: its run and its position in it. */
    record Key(String runId, long runSeq) {
    }
}
