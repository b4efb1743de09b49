package io.coxswain.streams.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evaluation failures are typed RuleEvalExceptions naming the problem and the column of the failing node. */
class RulesEvalErrorTest {
    private static final Map<String, Object> VARS = Map.of("xs", List.of(1L, 2L), "d", Map.of("k", 1L), "s", "ab",
            "f", 1.5);

    @ParameterizedTest(name = "{0} -> {1} at column {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "loss < 1                    | UnknownNameException     | 1  | unknown name 'loss'",
        "d['missing']                | MissingKeyException      | 2  | key 'missing' not found",
        "d.missing                   | MissingKeyException      | 3  | key 'missing' not found",
        "xs[2]                       | IndexOutOfRangeException | 3  | list index 2 out of range for length 2",
        "xs[-3]                      | IndexOutOfRangeException | 3  | list index -3 out of range",
        "s[5]                        | IndexOutOfRangeException | 2  | string index 5",
        "xs['a']                     | WrongTypeException       | 3  | list indices must be integers, not str",
        "f.key                       | WrongTypeException       | 3  | .key needs a dict, got float",
        "s.upper                     | WrongTypeException       | 3  | attribute access only reads dict keys",
        "f[0]                        | WrongTypeException       | 2  | float object is not subscriptable",
        "'a' + 1                     | WrongTypeException       | 5  | unsupported operand types for +: str and int",
        "'a' < 1                     | WrongTypeException       | 7  | '<' not supported between str and int",
        "1 in 5                      | WrongTypeException       | 6  | argument of type int is not a container",
        "len(5)                      | WrongTypeException       | 1  | object of type int has no len()",
        "-'a'                        | WrongTypeException       | 1  | bad operand type for unary -",
        "1 / 0                       | DivisionByZeroException  | 3  | division by zero",
        "1 // 0                      | DivisionByZeroException  | 3  | integer division or modulo by zero",
        "1 % 0.0                     | DivisionByZeroException  | 3  | float modulo",
        "0 ** -1                     | DivisionByZeroException  | 3  | 0.0 cannot be raised to a negative power",
        "9223372036854775807 + 1     | ValueTooLargeException   | 21 | integer overflow in +",
        "2 ** 63                     | ValueTooLargeException   | 3  | integer overflow in **",
        "9 ** 9 ** 9 ** 9            | ValueTooLargeException   | 8  | is above the cap of 4000",
        "10.0 ** 400                 | ValueTooLargeException   | 6  | too large for a float",
        "'x' * 100001                | ValueTooLargeException   | 5  | exceeds the cap of 100000",
        "math_floor(1e300)           | ValueTooLargeException   | 1  | does not fit a 64-bit int",
        "math_sqrt(-1)               | InvalidValueException    | 1  | math domain error",
        "avg([])                     | InvalidValueException    | 1  | avg() of an empty list",
        "max([])                     | InvalidValueException    | 1  | max() arg is an empty sequence",
        "int('x1')                   | InvalidValueException    | 1  | invalid literal for int()",
        "float('abc')                | InvalidValueException    | 1  | could not convert string to float",
        "(-8.0) ** 0.5               | InvalidValueException    | 8  | fractional power",
    })
    void failsWithATypedException(String text, String type, int column, String problem) {
        assertThatThrownBy(() -> Rules.compile(text).evaluate(VARS))
                .isInstanceOfSatisfying(RuleEvalException.class, e -> {
                    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
                    assertThat(e.column()).isEqualTo(column);
                })
                .hasMessageContaining(problem);
    }

    @Test
    void namesTheUnknownVariable() {
        assertThatThrownBy(() -> Rules.compile("epoch > 1 and loss < 2").evaluate(Map.of("epoch", 2)))
                .isInstanceOfSatisfying(UnknownNameException.class, e -> assertThat(e.name()).isEqualTo("loss"));
    }

    @Test
    void failsHugePowerTowersAtOnce() {
        CompiledRule tower = Rules.compile("9**9**9**9");

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMillis(500), () ->
                assertThatThrownBy(() -> tower.evaluate(Map.of())).isInstanceOf(ValueTooLargeException.class));
    }

    @Test
    void capsRepeatedDoublingOfStrings() {
        String doubling = "'ab'" + " * 2".repeat(60);

        assertThatThrownBy(() -> Rules.compile(doubling).evaluate(Map.of()))
                .isInstanceOf(ValueTooLargeException.class);
    }

    @Test
    void everyFailureSharesTheCoxswainRoot() {
        assertThat(new RuleParseException("p", 1)).isInstanceOf(io.coxswain.protocol.CoxswainException.class);
        assertThat(new UnknownNameException("n", 1)).isInstanceOf(RuleException.class);
    }
}
