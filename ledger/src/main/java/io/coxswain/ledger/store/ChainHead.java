package io.coxswain.ledger.store;

/** The last row of a run's chain: its position and hash. */
public record ChainHead(String runId, long runSeq, byte[] contentHash) {
}
