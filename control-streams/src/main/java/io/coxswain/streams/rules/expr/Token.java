package io.coxswain.streams.rules.expr;

/** One lexeme of a rule: its kind, its text, its 1-based column and, for literals, its value. */
record Token(Kind kind, String text, int column, Object value) {
    enum Kind { INT, FLOAT, STRING, NAME, OP, END }

    boolean is(Kind expected, String expectedText) {
        return kind == expected && text.equals(expectedText);
    }

    boolean isOp(String op) {
        return is(Kind.OP, op);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.NAME, keyword);
    }

    String describe() {
        return kind == Kind.END ? "end of rule" : "'" + text + "'";
    }
}
