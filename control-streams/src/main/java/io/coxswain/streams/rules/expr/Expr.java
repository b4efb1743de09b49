package io.coxswain.streams.rules.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compiled form of a rule: an immutable tree whose nodes evaluate themselves against the variables. */
sealed interface Expr {
    /** The 1-based column of the node's first (or operator) token, for error messages. */
    int column();

    Object eval(Map<String, Object> variables);

    record Literal(int column, Object value) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return value;
        }
    }

    record Name(int column, String name) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            Object value = variables.get(name);
            if (value == null && !variables.containsKey(name)) {
                throw new UnknownNameException(name, column);
            }
            return value;
        }
    }

    record ListDisplay(int column, List<Expr> elements) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            List<Object> values = new ArrayList<>(elements.size());
            for (Expr element : elements) {
                values.add(element.eval(variables));
            }
            return Collections.unmodifiableList(values);
        }
    }

    record DictDisplay(int column, List<Expr> keys, List<Expr> values) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            Map<String, Object> dict = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Object key = keys.get(i).eval(variables);
                if (!(key instanceof String s)) {
                    throw new WrongTypeException("dict keys must be str, got " + Values.typeName(key),
                            keys.get(i).column());
                }
                dict.put(s, values.get(i).eval(variables));
            }
            return Collections.unmodifiableMap(dict);
        }
    }

    /** {@code target[index]}: list/str by int (negative from the end), dict by key. */
    record Subscript(int column, Expr target, Expr index) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return Access.item(target.eval(variables), index.eval(variables), column);
        }
    }

    /** {@code target[lower:upper:step]} on a list or string, each bound optional, with Python's semantics. */
    record Slice(int column, Expr target, Expr lower, Expr upper, Expr step) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            Object container = target.eval(variables);
            return Access.slice(container, bound(lower, variables), bound(upper, variables), bound(step, variables),
                    column);
        }

        private static Object bound(Expr part, Map<String, Object> variables) {
            return part == null ? null : part.eval(variables);
        }
    }

    /** {@code target.key}, which means {@code target["key"]} and is only defined on dicts. */
    record Attribute(int column, Expr target, String key) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return Access.attribute(target.eval(variables), key, column);
        }
    }

    record Call(int column, Builtin function, List<Expr> arguments) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            List<Object> values = new ArrayList<>(arguments.size());
            for (Expr argument : arguments) {
                values.add(argument.eval(variables));
            }
            return function.call(values, column);
        }
    }

    record Negate(int column, Expr operand) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return Arithmetic.negate(operand.eval(variables), column);
        }
    }

    record Plus(int column, Expr operand) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return Arithmetic.plus(operand.eval(variables), column);
        }
    }

    record Not(int column, Expr operand) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return !Values.truthy(operand.eval(variables));
        }
    }

    record Binary(int column, BinaryOp op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return op.apply(left.eval(variables), right.eval(variables), column);
        }
    }

    /** {@code a and b and c}: the first falsy operand, else the last, evaluating no further than needed. */
    record And(int column, List<Expr> operands) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            Object value = null;
            for (Expr operand : operands) {
                value = operand.eval(variables);
                if (!Values.truthy(value)) {
                    return value;
                }
            }
            return value;
        }
    }

    /** {@code a or b or c}: the first truthy operand, else the last, evaluating no further than needed. */
    record Or(int column, List<Expr> operands) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            Object value = null;
            for (Expr operand : operands) {
                value = operand.eval(variables);
                if (Values.truthy(value)) {
                    return value;
                }
            }
            return value;
        }
    }

    /** {@code a < b <= c}: each link holds, each middle operand evaluated once, stopping at the first false. */
    record Compare(int column, Expr first, List<CompareOp> ops, List<Expr> rest) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            Object left = first.eval(variables);
            for (int i = 0; i < ops.size(); i++) {
                Object right = rest.get(i).eval(variables);
                if (!ops.get(i).apply(left, right, rest.get(i).column())) {
                    return false;
                }
                left = right;
            }
            return true;
        }
    }

    /** {@code body if condition else otherwise}. */
    record Conditional(int column, Expr body, Expr condition, Expr otherwise) implements Expr {
        @Override
        public Object eval(Map<String, Object> variables) {
            return Values.truthy(condition.eval(variables)) ? body.eval(variables) : otherwise.eval(variables);
        }
    }
}
