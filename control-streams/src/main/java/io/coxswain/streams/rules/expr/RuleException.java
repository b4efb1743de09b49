package io.coxswain.streams.rules.expr;

import io.coxswain.protocol.CoxswainException;

/** Root of every failure of a rule expression; {@link #column()} is the 1-based column it points at. */
public abstract class RuleException extends CoxswainException {
    private final int column;

    protected RuleException(String problem, int column) {
        super(problem + " (column " + column + ")");
        this.column = column;
    }

    /** The 1-based column in the rule text where the problem is. */
    public int column() {
        return column;
    }
}
