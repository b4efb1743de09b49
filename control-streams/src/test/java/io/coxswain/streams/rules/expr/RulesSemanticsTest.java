package io.coxswain.streams.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's meaning of each construct, checked against values CPython gives for the same expression. */
class RulesSemanticsTest {

    private static Object eval(String text) {
        return Rules.compile(text).evaluate(Map.of("x", 5L, "xs", List.of(3L, 1L, 2L), "d", Map.of("k", "v")));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "7 // -2 | -4",
        "-7 // 2 | -4",
        "-7 % 3 | 2",
        "7 % -3 | -2",
        "True + 1 | 2",
        "True + True | 2",
        "2 ** 10 | 1024",
        "-2 ** 2 | -4",
        "(-2) ** 3 | -8",
        "2 ** 3 ** 2 | 512",
        "1 + 2 * 3 - 4 | 3",
        "(1 + 2) * 3 | 9",
        "10 - 2 - 3 | 5",
        "len('abc') | 3",
        "len(xs) | 3",
        "sum(xs) | 6",
        "sum([1, 2], 10) | 13",
        "min(xs) | 1",
        "max(xs) | 3",
        "max(4, 9, 2) | 9",
        "abs(-3) | 3",
        "round(2.5) | 2",
        "round(3.5) | 4",
        "round(-2.5) | -2",
        "round(1234, -2) | 1200",
        "math_trunc(-2.7) | -2",
        "math_floor(-2.5) | -3",
        "math_ceil(2.1) | 3",
        "int('42') | 42",
        "int(-3.9) | -3",
        "int(True) | 1",
        "xs[-1] | 2",
        "xs[0] | 3",
        "+True | 1",
        "-x | -5",
    })
    void computesIntsLikePython(String text, long expected) {
        assertThat(eval(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "2 ** -1 | 0.5",
        "7 / 2 | 3.5",
        "4 / 2 | 2.0",
        "7.5 // 2 | 3.0",
        "-7.5 // 2 | -4.0",
        "1 // 0.1 | 9.0",
        "-7.5 % 2 | 0.5",
        "7.5 % -2 | -0.5",
        "1 + 0.5 | 1.5",
        "1e-3 * 1000 | 1.0",
        ".5 + 1. | 1.5",
        "2.5E2 | 250.0",
        "round(2.675, 2) | 2.67",
        "avg([1, 2, 3, 4]) | 2.5",
        "math_sqrt(16) | 4.0",
        "float('1.5') | 1.5",
        "float(3) | 3.0",
        "abs(-1.5) | 1.5",
        "max(1, 2.5) | 2.5",
    })
    void computesFloatsLikePython(String text, double expected) {
        assertThat(eval(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1 < 2 < 3 | true",
        "1 < 3 < 2 | false",
        "3 > 2 > 1 >= 1 | true",
        "1 == 1.0 | true",
        "True == 1 | true",
        "'a' < 'b' | true",
        "[1, 2] < [1, 3] | true",
        "[1, 2] < [1, 2, 0] | true",
        "[1, 2] == [1.0, 2] | true",
        "2 in xs | true",
        "7 not in xs | true",
        "'k' in d | true",
        "'bc' in 'abc' | true",
        "None is None | true",
        "x is not None | true",
        "not 0 | true",
        "not [] | true",
        "not 'a' | false",
        "not x == 5 | false",
        "False and 1 / 0 | false",
        "True or 1 / 0 | true",
        "1 < 0 < 1 / 0 | false",
        "{'a': 1} == {'a': 1.0} | true",
        "d.k == 'v' | true",
    })
    void decidesLikePython(String text, boolean expected) {
        assertThat(eval(text)).isEqualTo(expected);
    }

    @Test
    void returnsTheDecidingOperandOfAndAndOr() {
        assertThat(eval("0 or 'fallback'")).isEqualTo("fallback");
        assertThat(eval("3 and 4")).isEqualTo(4L);
        assertThat(eval("'' and 1 / 0")).isEqualTo("");
        assertThat(eval("[] or None")).isNull();
    }

    @Test
    void concatenatesAndRepeatsStringsAndLists() {
        assertThat(eval("'ab' + \"cd\"")).isEqualTo("abcd");
        assertThat(eval("'ab' * 3")).isEqualTo("ababab");
        assertThat(eval("[1] + [2, 'x']")).isEqualTo(List.of(1L, 2L, "x"));
        assertThat(eval("2 * [0]")).isEqualTo(List.of(0L, 0L));
        assertThat(eval("'abc'[-1]")).isEqualTo("c");
        assertThat(eval("'it\\'s\\n'")).isEqualTo("it's\n");
    }

    @Test
    void evaluatesTheConditionalLazily() {
        assertThat(eval("'big' if x > 3 else 1 / 0")).isEqualTo("big");
        assertThat(eval("1 / 0 if x < 3 else 'small'")).isEqualTo("small");
        assertThat(eval("1 if False else 2 if False else 3")).isEqualTo(3L);
    }

    @Test
    void buildsDictsAndListsFromExpressions() {
        assertThat(eval("{'a': x + 1, \"b\": [x, None, True]}"))
                .isEqualTo(Map.of("a", 6L, "b", java.util.Arrays.asList(5L, null, true)));
        assertThat(eval("{'a': {'b': [10, 20]}}['a']['b'][-2]")).isEqualTo(10L);
        assertThat(eval("[]")).isEqualTo(List.of());
        assertThat(eval("[1, 2,]")).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void evaluatesAMiddleOperandOfAChainOnce() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, Object> counting = new java.util.HashMap<>(Map.of("y", 5L)) {
            @Override
            public Object get(Object key) {
                reads.incrementAndGet();
                return super.get(key);
            }
        };

        assertThat(Rules.compile("0 < y < 10").evaluate(counting)).isEqualTo(true);
        assertThat(reads).hasValue(1);
    }

    @Test
    void acceptsJavaIntegersAndFloatsAsPythonNumbers() {
        CompiledRule rule = Rules.compile("a + b + c");

        assertThat(rule.evaluate(Map.of("a", 1, "b", (short) 2, "c", 3L))).isEqualTo(6L);
        assertThat(rule.evaluate(Map.of("a", 1, "b", 0.5f, "c", 1.5))).isEqualTo(3.0);
    }

    @Test
    void rejectsANonBooleanVerdict() {
        CompiledRule rule = Rules.compile("loss * 2");

        assertThatThrownBy(() -> rule.test(Map.of("loss", 0.5)))
                .isInstanceOf(WrongTypeException.class)
                .hasMessageContaining("rule must be true or false, got float 1.0");
    }
}
