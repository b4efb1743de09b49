package io.coxswain.ledger.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random JSON text that PostgreSQL can store as jsonb, written in every way JSON allows: nested objects and arrays,
 * repeated keys, keys of every length and script, strings with control characters, quotes, backslashes, non-ASCII and
 * astral characters, each either raw or escaped, integers and decimals of every form (signs, zeros, trailing zeros,
 * exponents), literals, and whitespace between tokens.
 */
final class RandomJson {
    private static final String[] PALETTE = {"a", "b", "Z", "0", "9", " ", "\"", "\\", "/", "\u0001", "\u001f",
        "\n", "\t", "\r", "\b", "\f", "\u007f", "é", "ü", "中", "\u2028", "\uD83D\uDE00", "\uFFFD", "~"};
    private final Random random;

    RandomJson(Random random) {
        this.random = random;
    }

    String document() {
        StringBuilder out = new StringBuilder();
        value(out, 0);
        return out.toString();
    }

    private void value(StringBuilder out, int depth) {
        int kind = random.nextInt(100);
        space(out);
        if (depth == 0 || (depth < 4 && kind < 20)) {
            object(out, depth);
        } else if (depth < 4 && kind < 35) {
            array(out, depth);
        } else if (kind < 65) {
            string(out);
        } else if (kind < 92) {
            number(out);
        } else {
            out.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
        }
        space(out);
    }

    private void object(StringBuilder out, int depth) {
        out.append('{');
        List<String> keys = new ArrayList<>();
        int members = random.nextInt(depth == 0 ? 9 : 5);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(',');
            }
            space(out);
            if (!keys.isEmpty() && random.nextInt(10) == 0) {
                out.append(keys.get(random.nextInt(keys.size())));  // a repeated key: jsonb keeps the last
            } else {
                StringBuilder key = new StringBuilder();
                string(key);
                keys.add(key.toString());
                out.append(key);
            }
            space(out);
            out.append(':');
            value(out, depth + 1);
        }
        out.append('}');
    }

    private void array(StringBuilder out, int depth) {
        out.append('[');
        int items = random.nextInt(5);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.append(',');
            }
            value(out, depth + 1);
        }
        out.append(']');
    }

    private void string(StringBuilder out) {
        out.append('"');
        int length = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(8);
        for (int i = 0; i < length; i++) {
            String c = PALETTE[random.nextInt(PALETTE.length)];
            boolean mustEscape = c.equals("\"") || c.equals("\\") || c.charAt(0) < 0x20;
            if (mustEscape || random.nextInt(5) == 0) {
                escaped(out, c);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private void escaped(StringBuilder out, String c) {
        String shortForm = switch (c) {
            case "\"" -> "\\\"";
            case "\\" -> "\\\\";
            case "/" -> "\\/";
            case "\n" -> "\\n";
            case "\t" -> "\\t";
            case "\r" -> "\\r";
            case "\b" -> "\\b";
            case "\f" -> "\\f";
            default -> null;
        };
        if (shortForm != null && random.nextBoolean()) {
            out.append(shortForm);
            return;
        }
        for (char unit : c.toCharArray()) {
            String hex = String.format("%04x", (int) unit);
            out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private void number(StringBuilder out) {
        if (random.nextInt(4) == 0) {
            out.append('-');
        }
        int form = random.nextInt(6);
        if (form == 0) {
            out.append('0');
        } else {
            out.append(1 + random.nextInt(9));
            int digits = random.nextInt(10) == 0 ? 20 + random.nextInt(30) : random.nextInt(6);
            for (int i = 0; i < digits; i++) {
                out.append(random.nextInt(10));
            }
        }
        if (form >= 2) {
            out.append('.');
            int decimals = 1 + random.nextInt(random.nextInt(10) == 0 ? 30 : 6);
            for (int i = 0; i < decimals; i++) {
                out.append(random.nextInt(3) == 0 ? 0 : random.nextInt(10));
            }
        }
        if (form >= 4) {
            out.append(random.nextBoolean() ? 'e' : 'E');
            int sign = random.nextInt(3);
            out.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
            out.append(random.nextInt(10) == 0 ? random.nextInt(400) : random.nextInt(12));
        }
    }

    private void space(StringBuilder out) {
        int n = random.nextInt(6);
        if (n >= 3) {
            return;
        }
        out.append(new String[] {" ", "\n  ", "\t"}[n]);
    }
}
