package io.coxswain.streams.rules.expr;

import java.util.Map;

/** Python syntax a rule may not use, with the reason reported when it turns up. */
final class Forbidden {
    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("lambda", "lambda expressions are not allowed"),
            Map.entry("import", "import is not allowed"),
            Map.entry("from", "import is not allowed"),
            Map.entry("for", "comprehensions and loops are not allowed"),
            Map.entry("while", "loops are not allowed"),
            Map.entry("def", "statements are not allowed ('def')"),
            Map.entry("class", "statements are not allowed ('class')"),
            Map.entry("return", "statements are not allowed ('return')"),
            Map.entry("del", "statements are not allowed ('del')"),
            Map.entry("global", "statements are not allowed ('global')"),
            Map.entry("nonlocal", "statements are not allowed ('nonlocal')"),
            Map.entry("with", "statements are not allowed ('with')"),
            Map.entry("yield", "yield is not allowed"),
            Map.entry("await", "await is not allowed"),
            Map.entry("async", "async is not allowed"),
            Map.entry("assert", "statements are not allowed ('assert')"),
            Map.entry("pass", "statements are not allowed ('pass')"),
            Map.entry("raise", "statements are not allowed ('raise')"),
            Map.entry("try", "statements are not allowed ('try')"),
            Map.entry("except", "statements are not allowed ('except')"),
            Map.entry("finally", "statements are not allowed ('finally')"),
            Map.entry("break", "statements are not allowed ('break')"),
            Map.entry("continue", "statements are not allowed ('continue')"),
            Map.entry("elif", "statements are not allowed ('elif')"));

    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("=", "assignment is not allowed (did you mean '=='?)"),
            Map.entry(":=", "assignment expressions (walrus) are not allowed"),
            Map.entry(";", "statements are not allowed (';')"),
            Map.entry("->", "annotations are not allowed"),
            Map.entry("~", "bitwise operators are not supported ('~')"),
            Map.entry("&", "bitwise operators are not supported ('&')"),
            Map.entry("|", "bitwise operators are not supported ('|')"),
            Map.entry("^", "bitwise operators are not supported ('^')"),
            Map.entry("<<", "bitwise operators are not supported ('<<')"),
            Map.entry(">>", "bitwise operators are not supported ('>>')"),
            Map.entry("@", "'@' is not supported"));

    private Forbidden() {
    }

    /** Why the token may not appear in a rule, or null if it is simply out of place. */
    static String reason(Token token) {
        return switch (token.kind()) {
            case NAME -> KEYWORDS.get(token.text());
            case OP -> OPERATORS.get(token.text());
            default -> null;
        };
    }

    static boolean isDunder(String name) {
        return name.startsWith("__");
    }
}
