package io.coxswain.ledger.store;

/**
 * A new row with its place in its run's chain.
 *
 * @param runSeq      its position in the run, from 1
 * @param prevHash    the hash of the run's row before it, null for the first
 * @param contentHash its own hash ({@link ChainHash})
 */
public record LinkedEvent(NewEvent event, long runSeq, byte[] prevHash, byte[] contentHash) {
}
