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

    /** Python's {@code container[lower:upper:step]} for lists and strings; null bounds are omitted ones. */
    static Object slice(Object container, Object lower, Object upper, Object step, int column) {
        int length;
        if (container instanceof List<?> list) {
            length = list.size();
        } else if (container instanceof String s) {
            length = s.length();
        } else {
            throw new WrongTypeException(typeName(container) + " object cannot be sliced", column);
        }
        long by = step == null ? 1 : sliceBound(step, column);
        if (by == 0) {
            throw new InvalidValueException("slice step cannot be zero", column);
        }
        long low = by < 0 ? -1 : 0;
        long high = by < 0 ? length - 1 : length;
        long start = lower == null ? (by < 0 ? high : low) : clamp(sliceBound(lower, column), length, low, high);
        long stop = upper == null ? (by < 0 ? low : high) : clamp(sliceBound(upper, column), length, low, high);
        List<Object> items = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (long i = start; by > 0 ? i < stop : i > stop; ) {
            if (container instanceof List<?> list) {
                items.add(list.get((int) i));
            } else {
                text.append(((String) container).charAt((int) i));
            }
            long next = i + by;
            if (by > 0 ? next < i : next > i) {
                break;
            }
            i = next;
        }
        return container instanceof String ? text.toString() : java.util.Collections.unmodifiableList(items);
    }

    private static long sliceBound(Object bound, int column) {
        if (!Values.isInt(bound)) {
            throw new WrongTypeException("slice indices must be integers or None, not " + typeName(bound), column);
        }
        return Values.asLong(bound);
    }

    private static long clamp(long index, int length, long low, long high) {
        long resolved = index < 0 ? index + length : index;
        return Math.max(low, Math.min(high, resolved));
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
