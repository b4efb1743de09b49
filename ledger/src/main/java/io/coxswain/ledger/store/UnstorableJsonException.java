package io.coxswain.ledger.store;

import io.coxswain.ledger.LedgerException;

/** A JSON payload PostgreSQL cannot hold as jsonb, or that cannot be read; the message names the field and why. */
public class UnstorableJsonException extends LedgerException {
    public UnstorableJsonException(String message) {
        super(message);
    }
}
