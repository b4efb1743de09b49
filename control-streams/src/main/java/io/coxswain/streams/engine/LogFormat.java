package io.coxswain.streams.engine;

import io.coxswain.streams.rules.expr.Rules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TrAC's LogControl {@code log_format}: Python's {@code str.format} with named fields. Supported: {@code {name}},
 * {@code {name[key]}}, {@code {name[0]}}, {@code {name.key}}, a format spec of width and precision with type
 * {@code f e g d %} (e.g. {@code {loss[loss]:.4f}}), and {@code {{ }}} for braces. Values print as Python prints them.
 */
public final class LogFormat {
    private LogFormat() {
    }

    /** The top-level names the format reads. */
    public static Set<String> names(String format) {
        Set<String> names = new LinkedHashSet<>();
        scan(format, null, names);
        return names;
    }

    /**
     * The message for these values.
     *
     * @throws IllegalArgumentException naming the field that has no value, or the malformed part of the format
     */
    public static String format(String format, Map<String, Object> values) {
        return scan(format, values, new LinkedHashSet<>());
    }

    private static String scan(String format, Map<String, Object> values, Set<String> names) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '{' && i + 1 < format.length() && format.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < format.length() && format.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int end = format.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("log_format: '{' at position " + (i + 1) + " is never closed");
                }
                String field = format.substring(i + 1, end);
                names.add(fieldName(field, i));
                if (values != null) {
                    out.append(replacement(field, values));
                }
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("log_format: single '}' at position " + (i + 1));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String fieldName(String field, int position) {
        String name = field.split("[\\[.:!]", 2)[0];
        if (name.isEmpty()) {
            throw new IllegalArgumentException("log_format: the field at position " + (position + 1)
                    + " has no name; positional fields are not supported");
        }
        return name;
    }

    private static String replacement(String field, Map<String, Object> values) {
        int colon = field.indexOf(':');
        String path = colon < 0 ? field : field.substring(0, colon);
        String spec = colon < 0 ? "" : field.substring(colon + 1);
        if (path.contains("!")) {
            path = path.substring(0, path.indexOf('!'));
        }
        String name = path.split("[\\[.]", 2)[0];
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("log_format: no value named '" + name + "'; available: "
                    + values.keySet());
        }
        Object value = values.get(name);
        String rest = path.substring(name.length());
        while (!rest.isEmpty()) {
            String key;
            if (rest.startsWith(".")) {
                int next = nextAccess(rest, 1);
                key = rest.substring(1, next);
                rest = rest.substring(next);
            } else if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("log_format: '[' without ']' in {" + field + "}");
                }
                key = rest.substring(1, close);
                rest = rest.substring(close + 1);
            } else {
                throw new IllegalArgumentException("log_format: cannot read {" + field + "}");
            }
            value = access(value, key, field);
        }
        return formatted(value, spec, field);
    }

    private static int nextAccess(String rest, int from) {
        int i = from;
        while (i < rest.length() && rest.charAt(i) != '.' && rest.charAt(i) != '[') {
            i++;
        }
        return i;
    }

    private static Object access(Object value, String key, String field) {
        if (value instanceof Map<?, ?> map) {
            if (!map.containsKey(key)) {
                throw new IllegalArgumentException("log_format: no key '" + key + "' in {" + field + "}");
            }
            return map.get(key);
        }
        if (value instanceof List<?> list && key.matches("-?\\d+")) {
            int index = Integer.parseInt(key);
            if (index < 0) {
                index += list.size();
            }
            if (index < 0 || index >= list.size()) {
                throw new IllegalArgumentException("log_format: index " + key + " out of range in {" + field + "}");
            }
            return list.get(index);
        }
        throw new IllegalArgumentException("log_format: cannot take '" + key + "' of " + Rules.repr(value) + " in {"
                + field + "}");
    }

    private static String formatted(Object value, String spec, String field) {
        if (spec.isEmpty()) {
            return value instanceof String s ? s : Rules.repr(value);
        }
        var matcher = java.util.regex.Pattern.compile("(\\d*)(?:\\.(\\d+))?([fegd%]?)").matcher(spec);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("log_format: unsupported format spec ':" + spec + "' in {" + field
                    + "}");
        }
        int width = matcher.group(1).isEmpty() ? 0 : Integer.parseInt(matcher.group(1));
        int precision = matcher.group(2) == null ? 6 : Integer.parseInt(matcher.group(2));
        String type = matcher.group(3);
        String text;
        if (!(value instanceof Number number)) {
            if (!type.isEmpty()) {
                throw new IllegalArgumentException("log_format: ':" + spec + "' needs a number, got "
                        + Rules.repr(value) + " in {" + field + "}");
            }
            text = value instanceof String s ? s : Rules.repr(value);
        } else {
            text = switch (type) {
                case "f" -> String.format(Locale.ROOT, "%." + precision + "f", number.doubleValue());
                case "e" -> String.format(Locale.ROOT, "%." + precision + "e", number.doubleValue());
                case "g" -> String.format(Locale.ROOT, "%." + Math.max(precision, 1) + "g", number.doubleValue());
                case "%" -> String.format(Locale.ROOT, "%." + precision + "f%%", number.doubleValue() * 100);
                case "d" -> {
                    if (!(number instanceof Long)) {
                        throw new IllegalArgumentException("log_format: ':d' needs an integer, got "
                                + Rules.repr(value) + " in {" + field + "}");
                    }
                    yield number.toString();
                }
                default -> matcher.group(2) == null ? Rules.repr(value)
                        : String.format(Locale.ROOT, "%." + precision + "g", number.doubleValue());
            };
        }
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
