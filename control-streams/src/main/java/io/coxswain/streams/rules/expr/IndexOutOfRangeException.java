package io.coxswain.streams.rules.expr;

/** A list or string index, after adding the length to a negative one, lies outside it. */
public final class IndexOutOfRangeException extends RuleEvalException {
    private final long index;

    public IndexOutOfRangeException(long index, String problem, int column) {
        super(problem, column);
        this.index = index;
    }

    public long index() {
        return index;
    }
}
