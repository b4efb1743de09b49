package io.coxswain.streams.rules.expr;

/** Division, floor division or modulo by zero, or zero raised to a negative power. */
public final class DivisionByZeroException extends RuleEvalException {
    public DivisionByZeroException(String problem, int column) {
        super(problem, column);
    }
}
