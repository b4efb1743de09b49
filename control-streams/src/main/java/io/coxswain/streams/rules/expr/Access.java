package io.coxswain.streams.rules.expr;

import static io.coxswain.streams.rules.expr.Values.typeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Subscripts and attribute access: the only ways a rule looks inside a value (no reflection, no methods). */
final class Access {
    private Access() {
    }

    static Object item(Object container, Object index, int column) {
        if (container instanceof Map<?, ?> map) {
            return key(map, index, column);
        }
        if (container instanceof List<?> list) {
            return list.get(position(index, list.size(), "list", column));
        }
        if (container instanceof String s) {
            return String.valueOf(s.charAt(position(index, s.length(), "string", column)));
        }
        throw new WrongTypeException(typeName(container) + " object is not subscriptable", column);
    }

    static Object attribute(Object container, String key, int column) {
        if (container instanceof Map<?, ?> map) {
            return key(map, key, column);
        }
        throw new WrongTypeException("." + key + " needs a dict, got " + typeName(container)
                + " (attribute access only reads dict keys)", column);
    }

    private static Object key(Map<?, ?> map, Object key, int column) {
        if (!Values.hasKey(map, key)) {
            throw new MissingKeyException(key, "key " + Values.repr(key) + " not found; the dict has "
                    + Values.repr(new ArrayList<Object>(map.keySet())), column);
        }
        return map.get(key);
    }

    private static int position(Object index, int length, String what, int column) {
        if (!Values.isInt(index)) {
            throw new WrongTypeException(what + " indices must be integers, not " + typeName(index), column);
        }
        long i = Values.asLong(index);
        long resolved = i < 0 ? i + length : i;
        if (resolved < 0 || resolved >= length) {
            throw new IndexOutOfRangeException(i, what + " index " + i + " out of range for length " + length,
                    column);
        }
        return (int) resolved;
    }
}
