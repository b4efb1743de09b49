package io.coxswain.streams.rules.expr;

import java.util.Map;
import java.util.Set;

/** A rule parsed and checked once, evaluated many times; immutable and safe to share between threads. */
public final class CompiledRule {
    private final String source;
    private final Expr root;
    private final Set<String> names;

    CompiledRule(String source, Expr root, Set<String> names) {
        this.source = source;
        this.root = root;
        this.names = names;
    }

    /**
     * The rule's value for these variables: Long, Double, Boolean, String, null, an unmodifiable List or Map.
     * Variables may hold Integer/Long/Short/Byte, Double/Float, Boolean, String, null, List and Map values.
     */
    public Object evaluate(Map<String, Object> variables) {
        return root.eval(variables);
    }

    /** The rule's verdict: its value must be True or False. */
    public boolean test(Map<String, Object> variables) {
        Object value = evaluate(variables);
        if (value instanceof Boolean verdict) {
            return verdict;
        }
        throw new WrongTypeException("rule must be true or false, got " + Values.typeName(value) + " "
                + Values.repr(value), root.column());
    }

    /** The variable names the rule reads, in order of first appearance (not function names), so a caller can wait until they all exist. */
    public Set<String> names() {
        return names;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "CompiledRule[" + source + "]";
    }
}
