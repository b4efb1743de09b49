package io.coxswain.streams.rules.expr;

import java.util.List;
import java.util.Map;

/** Python's view of the Java values a rule sees: types, truthiness, equality, ordering, membership, repr. */
final class Values {
    static final int MAX_LENGTH = 100_000;
    private static final int REPR_LIMIT = 60;

    private Values() {
    }

    static boolean isInt(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Boolean;
    }

    static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    static boolean isNumber(Object value) {
        return isInt(value) || isFloat(value);
    }

    static long asLong(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
    }

    static double asDouble(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
    }

    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (isInt(value)) {
            return asLong(value) != 0;
        }
        if (isFloat(value)) {
            return asDouble(value) != 0.0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
    }

    static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (isInt(value)) {
            return "int";
        }
        if (isFloat(value)) {
            return "float";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "dict";
        }
        return "unsupported Java " + value.getClass().getSimpleName();
    }

    static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (isNumber(a) && isNumber(b)) {
            return isInt(a) && isInt(b) ? asLong(a) == asLong(b) : asDouble(a) == asDouble(b);
        }
        if (a instanceof String s) {
            return s.equals(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!hasKey(y, entry.getKey()) || !equal(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a == b;
    }

    static boolean order(CompareOp op, Object a, Object b, int column) {
        if (isInt(a) && isInt(b)) {
            return op.holds(Long.compare(asLong(a), asLong(b)));
        }
        if (isNumber(a) && isNumber(b)) {
            double x = asDouble(a);
            double y = asDouble(b);
            return switch (op) {
                case LT -> x < y;
                case LE -> x <= y;
                case GT -> x > y;
                default -> x >= y;
            };
        }
        if (a instanceof String x && b instanceof String y) {
            return op.holds(x.compareTo(y));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return order(op, x.get(i), y.get(i), column);
                }
            }
            return op.holds(Integer.compare(x.size(), y.size()));
        }
        throw new WrongTypeException("'" + op.symbol + "' not supported between " + typeName(a) + " and "
                + typeName(b), column);
    }

    /** Python's {@code needle in container}. */
    static boolean contains(Object container, Object needle, int column) {
        if (container instanceof String s) {
            if (needle instanceof String n) {
                return s.contains(n);
            }
            throw new WrongTypeException("'in <str>' requires a str on the left, got " + typeName(needle), column);
        }
        if (container instanceof List<?> list) {
            for (Object element : list) {
                if (equal(element, needle)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> map) {
            return hasKey(map, needle);
        }
        throw new WrongTypeException("argument of type " + typeName(container) + " is not a container", column);
    }

    /** Null-safe containsKey: immutable JDK maps throw on a null key. */
    static boolean hasKey(Map<?, ?> map, Object key) {
        if (key == null) {
            for (Object existing : map.keySet()) {
                if (existing == null) {
                    return true;
                }
            }
            return false;
        }
        try {
            return map.containsKey(key);
        } catch (ClassCastException keyOfAnotherType) {
            return false; // a sorted map of str keys asked for an int: Python's KeyError, not a crash
        }
    }

    static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        repr(value, out);
        return out.length() > REPR_LIMIT ? out.substring(0, REPR_LIMIT) + "..." : out.toString();
    }

    private static void repr(Object value, StringBuilder out) {
        if (out.length() > REPR_LIMIT) {
            return;
        }
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (isNumber(value)) {
            out.append(value);
        } else if (value instanceof String s) {
            out.append('\'').append(s, 0, Math.min(s.length(), REPR_LIMIT + 1)).append('\'');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size() && out.length() <= REPR_LIMIT; i++) {
                out.append(i == 0 ? "" : ", ");
                repr(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (out.length() > REPR_LIMIT) {
                    break;
                }
                out.append(separator);
                repr(entry.getKey(), out);
                out.append(": ");
                repr(entry.getValue(), out);
                separator = ", ";
            }
            out.append('}');
        } else {
            out.append('<').append(typeName(value)).append('>');
        }
    }
}
