package io.coxswain.ledger.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON in the text form PostgreSQL prints a {@code jsonb} value in ({@code payload::text}): object keys ordered
 * shorter first, then by their UTF-8 bytes, the last of repeated keys kept; {@code ", "} between items and
 * {@code ": "} after keys; numbers as PostgreSQL's {@code numeric} prints them ({@code 1.50} stays {@code 1.50},
 * {@code 1e2} becomes {@code 100}, {@code -0} becomes {@code 0}); in strings only {@code "}, {@code \} and control
 * characters escaped, as {@code \"}, {@code \\}, {@code \b \f \n \r \t} or <code>&#92;u00XX</code>; NaN and
 * infinities (which jsonb cannot hold) as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 * Storing this text as jsonb and printing it again gives back the same text, so a hash of it computed before a row
 * is stored equals the hash of the stored row's {@code payload::text}.
 */
public final class JsonbText {
    /** PostgreSQL's numeric holds at most 131072 digits before the decimal point and 16383 after it. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_SCALE = 16_383;
    /** Reads what the codecs read (NaN and infinities too); repeated keys are resolved here, as jsonb does. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Where the parser is: object keys and array indexes, for messages. */
    private final List<Object> path = new ArrayList<>();

    private JsonbText() {
    }

    /**
     * @param json one JSON value, UTF-8
     * @return its jsonb text form
     * @throws UnstorableJsonException when it is not JSON, or PostgreSQL cannot hold it: a NUL character, an
     *                                 unpaired surrogate, a number beyond numeric's range
     */
    public static String of(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonbText writer = new JsonbText();
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UnstorableJsonException("payload cannot be read again: no JSON value");
            }
            StringBuilder out = new StringBuilder(json.length + json.length / 8);
            writer.value(parser, first, out);
            if (parser.nextToken() != null) {
                throw new UnstorableJsonException("payload cannot be read again: more than one JSON value");
            }
            return out.toString();
        } catch (IOException e) {
            throw new UnstorableJsonException("payload cannot be read again: " + e.getMessage());
        }
    }

    private void value(JsonParser parser, JsonToken token, StringBuilder out) throws IOException {
        switch (token) {
            case START_OBJECT -> object(parser, out);
            case START_ARRAY -> array(parser, out);
            case VALUE_STRING -> string(parser.getText(), out);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, out);
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new UnstorableJsonException("payload cannot be read again: unexpected " + token
                    + " at '" + where() + "'");
        }
    }

    /**
     * Writes the members as they come, then, when their keys are not in jsonb's order already, moves the written
     * members into that order: one copy of the object's text, no text per member.
     */
    private void object(JsonParser parser, StringBuilder out) throws IOException {
        int start = out.length();
        out.append('{');
        List<Member> members = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            path.add(key);
            if (!members.isEmpty()) {
                out.append(", ");
            }
            int from = out.length();
            string(key, out);
            out.append(": ");
            value(parser, parser.nextToken(), out);
            members.add(new Member(key, utf8Length(key), from - start, out.length() - start, members.size()));
            path.remove(path.size() - 1);
        }
        out.append('}');
        if (inOrderWithoutRepeats(members)) {
            return;
        }
        String written = out.substring(start);
        out.setLength(start + 1);
        members.sort(JsonbText::keyOrder);
        boolean first = true;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (i + 1 < members.size() && m.key.equals(members.get(i + 1).key)) {
                continue;  // a repeated key: jsonb keeps the last one (the sort keeps their order)
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(written, m.from, m.to);
        }
        out.append('}');
    }

    private static boolean inOrderWithoutRepeats(List<Member> members) {
        for (int i = 1; i < members.size(); i++) {
            if (keyOnlyOrder(members.get(i - 1), members.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private void array(JsonParser parser, StringBuilder out) throws IOException {
        out.append('[');
        int index = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (index > 0) {
                out.append(", ");
            }
            path.add(index++);
            value(parser, t, out);
            path.remove(path.size() - 1);
        }
        out.append(']');
    }

    private void number(JsonParser parser, StringBuilder out) throws IOException {
        if (parser.isNaN()) {
            string(Double.toString(parser.getDoubleValue()), out);
            return;
        }
        String text = parser.getText();
        if (text.length() < 1000 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            // no exponent: numeric prints the digits as written, but for the sign of a zero
            out.append(text.charAt(0) == '-' && isZero(text) ? text.substring(1) : text);
            return;
        }
        BigDecimal value = new BigDecimal(text);
        if (value.scale() > MAX_SCALE || (long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new UnstorableJsonException("field '" + where() + "' holds the number " + abbreviated(text)
                    + ", beyond what PostgreSQL's numeric holds");
        }
        out.append(value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString());
    }

    private static boolean isZero(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u0000' -> throw new UnstorableJsonException("field '" + clean(where())
                        + "' holds a NUL character, which PostgreSQL cannot store");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            throw new UnstorableJsonException("field '" + clean(where()) + "' holds an unpaired"
                                    + " surrogate U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                                    + ", which PostgreSQL cannot store");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The path of the value being read: {@code a.b[2].c}. */
    private String where() {
        StringBuilder at = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                at.append('[').append(index).append(']');
            } else {
                if (!at.isEmpty()) {
                    at.append('.');
                }
                at.append(step);
            }
        }
        return at.toString();
    }

    private static String clean(String text) {
        return text.replace('\u0000', '\uFFFD');
    }

    private static String abbreviated(String number) {
        return number.length() <= 40 ? number : number.substring(0, 20) + "... (" + number.length() + " characters)";
    }

    /** jsonb's key order: shorter UTF-8 first, then by UTF-8 bytes (code point order). */
    private static int keyOnlyOrder(Member a, Member b) {
        int byLength = Integer.compare(a.utf8Length, b.utf8Length);
        return byLength != 0 ? byLength : compareCodePoints(a.key, b.key);
    }

    /** jsonb's key order, then members of one key as written. */
    private static int keyOrder(Member a, Member b) {
        int byKey = keyOnlyOrder(a, b);
        return byKey != 0 ? byKey : Integer.compare(a.index, b.index);
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * A member as written: its key, and where its text ({@code "key": value}) starts and ends, counted from the
     * object's opening brace; {@code index}: its place as written.
     */
    private record Member(String key, int utf8Length, int from, int to, int index) {
    }
}
