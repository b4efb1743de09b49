package io.coxswain.streams.rules.expr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text outside the language, or forbidden in it, fails at compile time naming the problem and its column. */
class RulesParseErrorTest {

    @ParameterizedTest(name = "{0} -> column {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "(loss < 1              | 10 | unexpected end of rule, expected ')'",
        "loss < 1)              | 9  | unexpected ')', expected end of rule",
        "x.__class__            | 3  | dunder names like '__class__' are not allowed",
        "__import__('os')       | 1  | dunder names like '__import__' are not allowed",
        "d['a'].__dict__        | 8  | dunder names",
        "lambda: 1              | 1  | lambda expressions are not allowed",
        "[x for x in xs]        | 4  | comprehensions and loops are not allowed",
        "sum(x for x in xs)     | 7  | comprehensions and loops are not allowed",
        "{k: 1 for k in xs}     | 7  | comprehensions and loops are not allowed",
        "exec('1')              | 1  | unknown function 'exec'",
        "open('f')              | 1  | unknown function 'open'",
        "loss < 1 loss          | 10 | unexpected 'loss', expected end of rule",
        "loss = 1               | 6  | assignment is not allowed",
        "(y := 1)               | 4  | assignment expressions (walrus) are not allowed",
        "import os              | 1  | import is not allowed",
        "loss; 1                | 5  | statements are not allowed",
        "x.get('a')             | 6  | method calls are not allowed",
        "(len)(x)               | 6  | only the built-in functions can be called",
        "x is 1                 | 6  | 'is' is only supported with None",
        "len(a, b)              | 1  | len() takes 1 argument(s), got 2",
        "round()                | 1  | round() takes 1 to 2 argument(s), got 0",
        "a & b                  | 3  | bitwise operators are not supported ('&')",
        "(1, 2)                 | 3  | tuples are not supported",
        "{1, 2}                 | 1  | set literals are not supported",
        "'abc                   | 1  | unterminated string",
        "loss # comment         | 6  | unexpected character '#'",
        "1 if x                 | 7  | unexpected end of rule, expected 'else'",
        "007                    | 1  | leading zeros are not allowed",
        "99999999999999999999   | 1  | does not fit in 64 bits",
        "1e                     | 1  | exponent has no digits",
        "not                    | 4  | unexpected end of rule, expected a value",
        "a < and b              | 5  | unexpected 'and', expected a value",
        "'                      | 1  | unterminated string",
    })
    void rejectsWithTheColumn(String text, int column, String problem) {
        assertThatThrownBy(() -> Rules.compile(text))
                .isInstanceOfSatisfying(RuleParseException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.column()).isEqualTo(column))
                .hasMessageContaining(problem)
                .hasMessageContaining("(column " + column + ")");
    }

    @org.junit.jupiter.api.Test
    void rejectsAnEmptyRule() {
        assertThatThrownBy(() -> Rules.compile("   ")).isInstanceOf(RuleParseException.class)
                .hasMessage("empty rule (column 1)");
    }

    @org.junit.jupiter.api.Test
    void rejectsDeepNestingAsAParseErrorNotAStackOverflow() {
        for (String deep : new String[] {
            "(".repeat(100_000) + "1" + ")".repeat(100_000),
            "-".repeat(100_000) + "1",
            "not ".repeat(100_000) + "1",
            "2" + "**2".repeat(100_000),
            "1" + "+1".repeat(100_000),
            "x" + "[0]".repeat(100_000),
            "x" + ".a".repeat(100_000),
            "[".repeat(100_000) + "]".repeat(100_000),
            "len(".repeat(100_000) + "1" + ")".repeat(100_000),
            "1 if 1 else ".repeat(100_000) + "1",
        }) {
            assertThatThrownBy(() -> Rules.compile(deep)).as(deep.substring(0, 20))
                    .isInstanceOf(RuleParseException.class)
                    .hasMessageContaining("nested deeper than 100 levels");
        }
    }

    @org.junit.jupiter.api.Test
    void acceptsNestingJustWithinTheCap() {
        org.assertj.core.api.Assertions.assertThat(
                Rules.compile("(".repeat(90) + "1" + ")".repeat(90)).evaluate(java.util.Map.of())).isEqualTo(1L);
    }
}
