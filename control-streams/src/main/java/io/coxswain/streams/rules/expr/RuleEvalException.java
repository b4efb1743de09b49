package io.coxswain.streams.rules.expr;

/** A compiled rule could not be evaluated against the given variables; subclasses name the failure. */
public class RuleEvalException extends RuleException {
    public RuleEvalException(String problem, int column) {
        super(problem, column);
    }
}
