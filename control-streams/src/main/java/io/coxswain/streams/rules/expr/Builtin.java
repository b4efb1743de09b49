package io.coxswain.streams.rules.expr;

import static io.coxswain.streams.rules.expr.Values.asLong;
import static io.coxswain.streams.rules.expr.Values.isInt;
import static io.coxswain.streams.rules.expr.Values.typeName;

import java.util.List;
import java.util.Map;

/** The only callable names in a rule, with their arity (checked at compile time) and Python's behaviour. */
enum Builtin {
    LEN("len", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            Object value = args.get(0);
            if (value instanceof String s) {
                return (long) s.length();
            }
            if (value instanceof List<?> list) {
                return (long) list.size();
            }
            if (value instanceof Map<?, ?> map) {
                return (long) map.size();
            }
            throw new WrongTypeException("object of type " + typeName(value) + " has no len()", column);
        }
    },
    SUM("sum", 1, 2) {
        @Override
        Object call(List<Object> args, int column) {
            Object total = args.size() == 2 ? args.get(1) : (Object) 0L;
            if (args.size() == 1 && args.get(0) instanceof List<?> list && !list.isEmpty()) {
                Double fast = Sequences.sumOfFloats(list);
                if (fast != null) {
                    return fast;
                }
            }
            if (total instanceof String) {
                throw new WrongTypeException("sum() can't sum strings", column);
            }
            for (Object element : Sequences.elements(args.get(0), "sum", column)) {
                total = Arithmetic.add(total, element, column);
            }
            return total;
        }
    },
    ABS("abs", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            Object value = args.get(0);
            if (isInt(value)) {
                if (asLong(value) == Long.MIN_VALUE) {
                    throw new ValueTooLargeException("integer overflow in abs()", column);
                }
                return Math.abs(asLong(value));
            }
            return Math.abs(Numbers.requireFloat(value, "abs", column));
        }
    },
    ROUND("round", 1, 2) {
        @Override
        Object call(List<Object> args, int column) {
            Object digits = args.size() == 2 ? args.get(1) : null;
            if (digits == null) {
                return Numbers.roundToInt(args.get(0), column);
            }
            if (!isInt(digits)) {
                throw new WrongTypeException("round() digits must be an int, got " + typeName(digits), column);
            }
            return Numbers.round(args.get(0), asLong(digits), column);
        }
    },
    MIN("min", 1, Integer.MAX_VALUE) {
        @Override
        Object call(List<Object> args, int column) {
            return Sequences.extreme(args, CompareOp.LT, "min", column);
        }
    },
    MAX("max", 1, Integer.MAX_VALUE) {
        @Override
        Object call(List<Object> args, int column) {
            return Sequences.extreme(args, CompareOp.GT, "max", column);
        }
    },
    AVG("avg", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            List<?> values = Sequences.elements(args.get(0), "avg", column);
            if (values.isEmpty()) {
                throw new InvalidValueException("avg() of an empty list", column);
            }
            double total = 0;
            for (Object value : values) {
                total += Numbers.requireFloat(value, "avg", column);
            }
            return total / values.size();
        }
    },
    MATH_TRUNC("math_trunc", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            return Numbers.toLong(args.get(0), value -> value < 0 ? Math.ceil(value) : Math.floor(value), name, column);
        }
    },
    MATH_FLOOR("math_floor", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            return Numbers.toLong(args.get(0), Math::floor, name, column);
        }
    },
    MATH_CEIL("math_ceil", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            return Numbers.toLong(args.get(0), Math::ceil, name, column);
        }
    },
    MATH_SQRT("math_sqrt", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            double value = Numbers.requireFloat(args.get(0), name, column);
            if (value < 0) {
                throw new InvalidValueException("math domain error: math_sqrt of " + Values.repr(args.get(0)), column);
            }
            return Math.sqrt(value);
        }
    },
    INT("int", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            Object value = args.get(0);
            return value instanceof String s ? Numbers.parseInt(s, column)
                    : Numbers.toLong(value, v -> v < 0 ? Math.ceil(v) : Math.floor(v), name, column);
        }
    },
    FLOAT("float", 1, 1) {
        @Override
        Object call(List<Object> args, int column) {
            Object value = args.get(0);
            return value instanceof String s ? Numbers.parseFloat(s, column)
                    : Numbers.requireFloat(value, name, column);
        }
    };

    final String name;
    final int minArgs;
    final int maxArgs;

    Builtin(String name, int minArgs, int maxArgs) {
        this.name = name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    abstract Object call(List<Object> args, int column);

    static Builtin named(String name) {
        for (Builtin builtin : values()) {
            if (builtin.name.equals(name)) {
                return builtin;
            }
        }
        return null;
    }

    static String names() {
        StringBuilder out = new StringBuilder();
        for (Builtin builtin : values()) {
            out.append(out.isEmpty() ? "" : ", ").append(builtin.name);
        }
        return out.toString();
    }
}
