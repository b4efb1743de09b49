package io.coxswain.ledger;

import io.coxswain.protocol.CoxswainException;

/** A failure of the ledger: migration, connection, or a record it cannot store. The message names what failed. */
public class LedgerException extends CoxswainException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
