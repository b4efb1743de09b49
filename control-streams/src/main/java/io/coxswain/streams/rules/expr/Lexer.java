package io.coxswain.streams.rules.expr;

import io.coxswain.streams.rules.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits rule text into tokens; operators the language lacks are still tokens so the parser can name them. */
final class Lexer {
    private static final List<String> OPERATORS = List.of(
            "**", "//", "<=", ">=", "==", "!=", ":=", "<<", ">>", "->",
            "+", "-", "*", "/", "%", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", ";",
            "~", "&", "|", "^", "@");

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new Lexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", pos + 1, null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = text.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.NAME, text.substring(start, pos), start + 1, null);
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Kind.OP, op, pos - op.length() + 1, null);
            }
        }
        throw new RuleParseException("unexpected character '" + c + "'", pos + 1);
    }

    private Token number() {
        int start = pos;
        digits();
        boolean isFloat = false;
        if (pos < text.length() && text.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            isFloat = true;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw new RuleParseException("invalid number: exponent has no digits", start + 1);
            }
        }
        if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw new RuleParseException("invalid number '" + text.substring(start, pos + 1) + "'", start + 1);
        }
        String literal = text.substring(start, pos);
        if (isFloat) {
            return new Token(Kind.FLOAT, literal, start + 1, Double.parseDouble(literal));
        }
        if (literal.length() > 1 && literal.charAt(0) == '0' && !literal.chars().allMatch(ch -> ch == '0')) {
            throw new RuleParseException("invalid number '" + literal + "': leading zeros are not allowed", start + 1);
        }
        try {
            return new Token(Kind.INT, literal, start + 1, Long.parseLong(literal));
        } catch (NumberFormatException tooBig) {
            throw new RuleParseException("integer literal " + literal + " does not fit in 64 bits", start + 1);
        }
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Token string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\n') {
                break;
            }
            if (c != '\\' || pos >= text.length()) {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case '0' -> value.append('\0');
                case '\\', '\'', '"' -> value.append(escaped);
                default -> value.append('\\').append(escaped);
            }
        }
        if (pos >= text.length() || text.charAt(pos) != quote) {
            throw new RuleParseException("unterminated string", start + 1);
        }
        pos++;
        return new Token(Kind.STRING, text.substring(start, pos), start + 1, value.toString());
    }
}
