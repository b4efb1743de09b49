package io.coxswain.streams.rules.expr;

/** The rule reads a name that is not among the variables it was evaluated with. */
public final class UnknownNameException extends RuleEvalException {
    private final String name;

    public UnknownNameException(String name, int column) {
        super("unknown name '" + name + "'", column);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
