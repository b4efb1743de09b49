package io.coxswain.streams.rules.expr;

/** The arithmetic operators; each applies Python's semantics for ints, floats, strings and lists. */
enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), FLOOR_DIV("//"), MOD("%"), POW("**");

    final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    Object apply(Object left, Object right, int column) {
        return switch (this) {
            case ADD -> Arithmetic.add(left, right, column);
            case SUB -> Arithmetic.subtract(left, right, column);
            case MUL -> Arithmetic.multiply(left, right, column);
            case DIV -> Arithmetic.divide(left, right, column);
            case FLOOR_DIV -> Arithmetic.floorDivide(left, right, column);
            case MOD -> Arithmetic.modulo(left, right, column);
            case POW -> Power.apply(left, right, column);
        };
    }

    static BinaryOp of(String symbol) {
        for (BinaryOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }
}
