package io.coxswain.ledger.savings;

import io.coxswain.ledger.LedgerException;

/** Savings cannot be computed: a stored event no longer decodes, or a setting is out of range. */
public class SavingsException extends LedgerException {
    public SavingsException(String message) {
        super(message);
    }
}
