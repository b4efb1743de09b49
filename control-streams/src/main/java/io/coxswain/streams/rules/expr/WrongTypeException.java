package io.coxswain.streams.rules.expr;

/** An operation or function got a value of a type it does not accept (Python's TypeError). */
public final class WrongTypeException extends RuleEvalException {
    public WrongTypeException(String problem, int column) {
        super(problem, column);
    }
}
