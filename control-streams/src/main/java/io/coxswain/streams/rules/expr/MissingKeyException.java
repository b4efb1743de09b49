package io.coxswain.streams.rules.expr;

/** A dict was subscripted (or attribute-accessed) with a key it does not have. */
public final class MissingKeyException extends RuleEvalException {
    private final Object key;

    public MissingKeyException(Object key, String problem, int column) {
        super(problem, column);
        this.key = key;
    }

    public Object key() {
        return key;
    }
}
