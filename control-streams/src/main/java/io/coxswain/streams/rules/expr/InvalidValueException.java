package io.coxswain.streams.rules.expr;

/** A value of the right type but outside the function's domain (Python's ValueError): sqrt(-1), avg([]), int('x'). */
public final class InvalidValueException extends RuleEvalException {
    public InvalidValueException(String problem, int column) {
        super(problem, column);
    }
}
