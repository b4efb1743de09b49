package io.coxswain.streams.rules.expr;

/**
 * Entry point of the rule expression language: TrAC's controller rules (a restricted Python expression,
 * as evaluated by simpleeval) compiled to an immutable tree. Parsing is linear and depth-capped; evaluation
 * has no loops and caps exponents, integer range and string/list length, so every rule finishes quickly.
 */
public final class Rules {
    private Rules() {
    }

    /** Parses and checks {@code text}; throws {@link RuleParseException} naming the problem and its column. */
    public static CompiledRule compile(String text) {
        return Parser.parse(text);
    }

    /** A rule value written as Python writes it ({@code 0.1}, {@code True}, {@code None}, {@code ['a', 1]}). */
    public static String repr(Object value) {
        return Values.repr(value);
    }
}
