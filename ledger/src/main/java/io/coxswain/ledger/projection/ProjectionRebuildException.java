package io.coxswain.ledger.projection;

import io.coxswain.ledger.LedgerException;

/** A rebuild of the projections failed; its transaction rolled back, so the projections are as they were. */
public class ProjectionRebuildException extends LedgerException {

    public ProjectionRebuildException(String message) {
        super(message);
    }

    public ProjectionRebuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
