package io.coxswain.streams.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random arithmetic trees are printed with the fewest parentheses Python's precedence allows and evaluated
 * by a reference written here; the rule evaluator must agree on the value or on the failure.
 */
class RulesReferencePropertyTest {

    /** Reference semantics: Python's int arithmetic, 64-bit, evaluated left before right. */
    sealed interface Node {
        long value();

        String text();

        int precedence();
    }

    record Lit(long n) implements Node {
        public long value() {
            return n;
        }

        public String text() {
            return Long.toString(n);
        }

        public int precedence() {
            return 5;
        }
    }

    record Neg(Node operand) implements Node {
        public long value() {
            return Math.negateExact(operand.value());
        }

        public String text() {
            return "-" + wrap(operand, operand.precedence() < precedence());
        }

        public int precedence() {
            return 3;
        }
    }

    record Bin(String op, Node left, Node right) implements Node {
        public long value() {
            long a = left.value();
            long b = right.value();
            return switch (op) {
                case "+" -> Math.addExact(a, b);
                case "-" -> Math.subtractExact(a, b);
                case "*" -> Math.multiplyExact(a, b);
                case "//" -> Math.floorDiv(a, nonZero(b));
                case "%" -> Math.floorMod(a, nonZero(b));
                default -> {
                    long result = 1;
                    for (long i = 0; i < b; i++) {
                        result = Math.multiplyExact(result, a);
                    }
                    yield result;
                }
            };
        }

        public String text() {
            boolean power = op.equals("**");
            boolean leftParens = power ? left.precedence() <= precedence() : left.precedence() < precedence();
            boolean rightParens = power ? right.precedence() < precedence() : right.precedence() <= precedence();
            return wrap(left, leftParens) + " " + op + " " + wrap(right, rightParens);
        }

        public int precedence() {
            return switch (op) {
                case "+", "-" -> 1;
                case "**" -> 4;
                default -> 2;
            };
        }
    }

    static final class ReferenceDivisionByZero extends RuntimeException {
    }

    static long nonZero(long divisor) {
        if (divisor == 0) {
            throw new ReferenceDivisionByZero();
        }
        return divisor;
    }

    static String wrap(Node node, boolean parens) {
        return parens ? "(" + node.text() + ")" : node.text();
    }

    @Property(tries = 3000)
    void agreesWithTheReferenceOnIntArithmetic(@ForAll("trees") Node tree) {
        CompiledRule rule = Rules.compile(tree.text());
        long expected;
        try {
            expected = tree.value();
        } catch (ReferenceDivisionByZero e) {
            assertThatThrownBy(() -> rule.evaluate(Map.of())).isInstanceOf(DivisionByZeroException.class);
            return;
        } catch (ArithmeticException overflow) {
            assertThatThrownBy(() -> rule.evaluate(Map.of())).isInstanceOf(ValueTooLargeException.class);
            return;
        }
        assertThat(rule.evaluate(Map.of())).as(tree.text()).isEqualTo(expected);
    }

    @Property
    void chainedComparisonHoldsExactlyWhenEveryLinkHolds(@ForAll @Size(min = 2, max = 6) List<@IntRange(min = -3,
            max = 3) Integer> operands, @ForAll("comparisons") List<String> ops) {
        StringBuilder text = new StringBuilder().append(operands.get(0));
        boolean expected = true;
        for (int i = 1; i < operands.size(); i++) {
            String op = ops.get(i % ops.size());
            int a = operands.get(i - 1);
            int b = operands.get(i);
            text.append(' ').append(op).append(' ').append(b);
            expected &= switch (op) {
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                case ">=" -> a >= b;
                case "==" -> a == b;
                default -> a != b;
            };
        }

        assertThat(Rules.compile(text.toString()).evaluate(Map.of())).as(text.toString()).isEqualTo(expected);
    }

    @Property
    void floorDivisionAndModuloRebuildTheDividend(@ForAll long a, @ForAll long b) {
        org.junit.jupiter.api.Assumptions.assumeTrue(b != 0 && !(a == Long.MIN_VALUE && b == -1));
        Object rebuilt;
        try {
            rebuilt = Rules.compile("(a // b) * b + a % b == a and (a % b == 0 or (a % b > 0) == (b > 0))")
                    .evaluate(Map.of("a", a, "b", b));
        } catch (ValueTooLargeException overflowOfTheCheckItself) {
            return;
        }
        assertThat(rebuilt).isEqualTo(true);
    }

    @Provide
    Arbitrary<List<String>> comparisons() {
        return Arbitraries.of("<", "<=", ">", ">=", "==", "!=").list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Node> trees() {
        return tree(5);
    }

    private Arbitrary<Node> tree(int depth) {
        Arbitrary<Node> leaf = Arbitraries.longs().between(0, 20).map(Lit::new);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Node> smaller = Arbitraries.lazy(() -> tree(depth - 1));
        Arbitrary<Node> binary = Combinators.combine(smaller, Arbitraries.of("+", "-", "*", "//", "%"), smaller)
                .as((left, op, right) -> new Bin(op, left, right));
        Arbitrary<Node> power = Combinators.combine(smaller, Arbitraries.longs().between(0, 3))
                .as((base, exponent) -> new Bin("**", base, new Lit(exponent)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, leaf),
                Tuple.of(5, binary),
                Tuple.of(1, power),
                Tuple.of(1, smaller.map(Neg::new)));
    }
}
