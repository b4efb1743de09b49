package io.coxswain.streams.rules.expr;

/** The comparison operators of a (possibly chained) comparison. */
enum CompareOp {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), IN("in"), NOT_IN("not in"), IS("is"), IS_NOT("is not");

    final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    /** For the ordering operators: whether a three-way comparison result satisfies this operator. */
    boolean holds(int comparison) {
        return switch (this) {
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            default -> throw new IllegalStateException(symbol + " is not an ordering");
        };
    }

    boolean apply(Object left, Object right, int column) {
        return switch (this) {
            case EQ -> Values.equal(left, right);
            case NE -> !Values.equal(left, right);
            case IN -> Values.contains(right, left, column);
            case NOT_IN -> !Values.contains(right, left, column);
            case IS -> left == null && right == null;
            case IS_NOT -> !(left == null && right == null);
            case LT, LE, GT, GE -> Values.order(this, left, right, column);
        };
    }
}
