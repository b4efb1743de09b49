package io.coxswain.streams.rules.expr;

/** A result would exceed the language's bounds: a long overflow, a huge exponent, a float overflow, or a string or list longer than the cap. */
public final class ValueTooLargeException extends RuleEvalException {
    public ValueTooLargeException(String problem, int column) {
        super(problem, column);
    }
}
