package io.coxswain.ledger.query;

/**
 * The first row of a run where its hash chain does not hold.
 *
 * @param runSeq  the row's position in its run
 * @param id      the row's ledger id
 * @param problem what does not hold: {@code altered} (the row's content no longer matches its hash), {@code link}
 *                (its previous-hash is not the previous row's hash: a row before it was altered or removed) or
 *                {@code gap} (positions skip: rows were removed)
 */
public record ChainBreak(String runId, long runSeq, long id, String eventId, String problem) {
}
