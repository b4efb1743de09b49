package io.coxswain.streams.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slices as Python takes them; the expected values were printed by CPython for the same expressions. */
class RulesSliceTest {
    private static final Map<String, Object> VARIABLES = Map.of("xs", List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L),
            "s", "abcdef", "h", Map.of("loss", List.of(1.0, 0.9, 0.8, 0.7, 0.7, 0.7)));

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "s[-1:-9:-2] | 'fdb'",
        "s[-1:2:-1] | 'fed'",
        "s[-1:9:1] | 'f'",
        "s[-1:] | 'f'",
        "s[-3:-1:] | 'de'",
        "s[-3:0:2] | ''",
        "s[-3:5:-2] | ''",
        "s[-3:9:-1] | ''",
        "s[-3:9:3] | 'd'",
        "s[-9:-1:-2] | ''",
        "s[-9:-3:] | 'abc'",
        "s[-9:2:2] | 'a'",
        "s[-9:5:-1] | ''",
        "s[-9:5:1] | 'abcde'",
        "s[0:-9:3] | ''",
        "s[2::-1] | 'cba'",
        "s[5:-9:-1] | 'fedcba'",
        "s[5:2:3] | ''",
        "s[9:-3:-1] | 'fe'",
        "s[9:-9:] | ''",
        "s[9:0:3] | ''",
        "s[9:5:-1] | ''",
        "s[9:5:2] | ''",
        "s[9:9:-1] | ''",
        "s[:-3:-2] | 'f'",
        "s[:0:-1] | 'fedcb'",
        "xs[-1:-3] | []",
        "xs[-1:0:1] | []",
        "xs[-1:2:1] | []",
        "xs[-1:5:3] | []",
        "xs[-1:9:-2] | []",
        "xs[-1:9:2] | [6]",
        "xs[-1::-1] | [6, 5, 4, 3, 2, 1, 0]",
        "xs[-3:-3:] | []",
        "xs[-3:-9:-1] | [4, 3, 2, 1, 0]",
        "xs[-3:0:-1] | [4, 3, 2, 1]",
        "xs[-3:9:-1] | []",
        "xs[-9:-1:2] | [0, 2, 4]",
        "xs[-9:-3:-1] | []",
        "xs[-9:-3:1] | [0, 1, 2, 3]",
        "xs[-9:-9:2] | []",
        "xs[-9:0:-2] | []",
        "xs[-9:2:-2] | []",
        "xs[-9:5:3] | [0, 3]",
        "xs[-9::-2] | []",
        "xs[0:0] | []",
        "xs[2:-1:-2] | []",
        "xs[2:-3:-1] | []",
        "xs[2:-3:2] | [2]",
        "xs[2:-9:1] | []",
        "xs[2:2:1] | []",
        "xs[2:9:2] | [2, 4, 6]",
        "xs[5:5:-1] | []",
        "xs[5::1] | [5, 6]",
        "xs[9:-3:-2] | [6]",
        "xs[9:2:2] | []",
        "xs[9:2:3] | []",
        "xs[9:9:] | []",
        "xs[:-1] | [0, 1, 2, 3, 4, 5]",
        "xs[:-9:1] | []",
    })
    void slicesLikePython(String text, String expected) {
        assertThat(Rules.repr(Rules.compile(text.strip()).evaluate(VARIABLES))).isEqualTo(expected.strip());
    }

    @Test
    void tracStyleWindowRulesUseSlices() {
        assertThat(Rules.compile("avg(h['loss'][-3:]) - min(h['loss']) < 0.01").test(VARIABLES)).isTrue();
        assertThat(Rules.compile("h['loss'][:2] == [1.0, 0.9]").test(VARIABLES)).isTrue();
    }

    @Test
    void badSlicesFailWithTypedErrors() {
        assertThatThrownBy(() -> Rules.compile("xs[::0]").evaluate(VARIABLES))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("slice step cannot be zero");
        assertThatThrownBy(() -> Rules.compile("xs[1.5:]").evaluate(VARIABLES))
                .isInstanceOf(WrongTypeException.class).hasMessageContaining("slice indices must be integers");
        assertThatThrownBy(() -> Rules.compile("h[1:2]").evaluate(VARIABLES))
                .isInstanceOf(WrongTypeException.class).hasMessageContaining("cannot be sliced");
        assertThat(Rules.compile("xs[1:%d:%d]".formatted(Long.MAX_VALUE, Long.MAX_VALUE)).evaluate(VARIABLES))
                .isEqualTo(List.of(1L));
    }
}
