package io.coxswain.streams.rules.expr;

/** The rule text is not in the rule language, or uses something forbidden (dunder, lambda, statement...). */
public final class RuleParseException extends RuleException {
    public RuleParseException(String problem, int column) {
        super(problem, column);
    }
}
