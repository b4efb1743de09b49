package io.coxswain.ledger.query;

/**
 * The rows of one run within one segment of a walk, in {@code run_seq} order: what the walk needs of its first and
 * last row to link it to the segments around it, and the first break found inside it.
 *
 * @param firstAltered whether the first row's content no longer matches its hash
 * @param innerBreak   the first row after the first one where the chain does not hold, or null
 */
record RunSpan(String runId, long firstSeq, long firstId, String firstEventId, byte[] firstPrevHash,
               boolean firstAltered, long lastSeq, byte[] lastHash, long rows, ChainBreak innerBreak) {
}
