package io.coxswain.streams.rules.expr;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Whatever the text, compiling and evaluating it ends quickly in a value or in one of the rule exceptions. */
class RulesFuzzPropertyTest {
    private static final Duration GENEROUS = Duration.ofSeconds(5);
    private static final Map<String, Object> VARIABLES = variables();
    private static final List<String> TOKENS = List.of(
            "x", "xs", "d", "s", "f", "n", "loss", "unknown", "True", "False", "None",
            "0", "1", "2", "3", "-1", "63", "4000", "4001", "2.5", "1e308", "1e-3", "9223372036854775807",
            "'a'", "\"bc\"", "''", "'k'",
            "+", "-", "*", "/", "//", "%", "**", "<", "<=", ">", ">=", "==", "!=", "=", ":=",
            "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "&", "~",
            "and", "or", "not", "in", "is", "if", "else", "for", "lambda", "import",
            "len", "sum", "abs", "round", "min", "max", "avg", "math_trunc", "math_floor", "math_ceil",
            "math_sqrt", "int", "float", "exec", "__class__", "k");

    @Property(tries = 3000)
    void randomTextCompilesOrFailsWithARuleException(@ForAll("texts") String text) {
        Statistics.label("outcome").collect(outcome(text));
    }

    @Property(tries = 5000)
    void randomTokenSequencesCompileOrFailWithARuleException(@ForAll("tokenSequences") String text) {
        String outcome = outcome(text);
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("value").count(count -> count > 50);
            coverage.check("eval error").count(count -> count > 50);
        });
    }

    @Property(tries = 5000)
    void wellFormedRulesOverMixedTypesEvaluateOrFailWithARuleEvalException(@ForAll("wellFormed") String text) {
        Statistics.label("outcome").collect(outcome(text));
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("parse error").count(count -> count == 0);
            coverage.check("value").count(count -> count > 100);
        });
    }

    @Provide
    Arbitrary<String> wellFormed() {
        return expression(4);
    }

    private Arbitrary<String> expression(int depth) {
        Arbitrary<String> leaf = Arbitraries.of("x", "xs", "d", "s", "f", "n", "loss", "True", "False", "None",
                "0", "1", "-1", "3", "63", "2.5", "1e308", "-0.0", "9223372036854775807", "'a'", "''", "'k'",
                "[]", "{}", "d.k", "d.a", "xs[-1]", "d['x']");
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1));
        Arbitrary<String> binary = net.jqwik.api.Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", "//",
                "%", "**", "<", "<=", "==", "!=", "in", "not in", "and", "or", "is", "is not"), sub)
                .as((a, op, b) -> op.startsWith("is") ? "(" + a + " " + op + " None)" : "(" + a + " " + op + " " + b + ")");
        Arbitrary<String> unary = net.jqwik.api.Combinators.combine(Arbitraries.of("-", "+", "not "), sub)
                .as((op, a) -> "(" + op + a + ")");
        Arbitrary<String> call = Arbitraries.of("len", "sum", "abs", "round", "min", "max", "avg", "math_trunc",
                "math_floor", "math_ceil", "math_sqrt", "int", "float").flatMap(name -> {
                    int most = switch (name) {
                        case "sum", "round" -> 2;
                        case "min", "max" -> 3;
                        default -> 1;
                    };
                    return sub.list().ofMinSize(1).ofMaxSize(most)
                            .map(args -> name + "(" + String.join(", ", args) + ")");
                });
        Arbitrary<String> access = net.jqwik.api.Combinators.combine(sub, sub).as((a, b) -> a + "[" + b + "]");
        Arbitrary<String> bound = Arbitraries.oneOf(Arbitraries.just(""), sub);
        Arbitrary<String> slice = net.jqwik.api.Combinators.combine(sub, bound, bound, bound)
                .as((a, lower, upper, step) -> a + "[" + lower + ":" + upper + (step.isEmpty() ? "" : ":" + step) + "]");
        Arbitrary<String> display = sub.list().ofMaxSize(3).map(items -> "[" + String.join(", ", items) + "]");
        Arbitrary<String> conditional = net.jqwik.api.Combinators.combine(sub, sub, sub)
                .as((a, c, b) -> "(" + a + " if " + c + " else " + b + ")");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(4, binary), net.jqwik.api.Tuple.of(1, unary),
                net.jqwik.api.Tuple.of(2, call), net.jqwik.api.Tuple.of(1, access), net.jqwik.api.Tuple.of(1, slice),
                net.jqwik.api.Tuple.of(1, display), net.jqwik.api.Tuple.of(1, conditional));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> languageChars = Arbitraries.of(
                "abcdfiklnorsx_0123456789.eE+-*/%<>=!()[]{},:;'\" \\#&|^~@".chars()
                        .mapToObj(c -> (char) c).toArray(Character[]::new));
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                languageChars.list().ofMaxSize(40).map(chars -> chars.stream()
                        .map(String::valueOf).reduce("", String::concat)));
    }

    @Provide
    Arbitrary<String> tokenSequences() {
        return Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(25)
                .map(tokens -> String.join(" ", tokens));
    }

    /** Compiles and evaluates under a timeout; anything but a RuleException or a value fails the property. */
    private static String outcome(String text) {
        return assertTimeoutPreemptively(GENEROUS, () -> {
            CompiledRule rule;

            try {
                rule = Rules.compile(text);
            } catch (RuleParseException expected) {
                return "parse error";
            }
            try {
                rule.evaluate(VARIABLES);
                return "value";
            } catch (RuleEvalException expected) {
                return "eval error";
            }
        }, () -> "did not finish: " + text);
    }

    private static Map<String, Object> variables() {
        java.util.HashMap<String, Object> variables = new java.util.HashMap<>();
        variables.put("x", 5L);
        variables.put("xs", List.of(1L, 2.5, 3L));
        variables.put("d", Map.of("k", 1L, "x", List.of("a", "b"), "a", Map.of("k", 2.0)));
        variables.put("s", "ab");
        variables.put("f", 1.5);
        variables.put("n", null);
        variables.put("loss", Arrays.asList(0.5, null));
        return variables;
    }
}
