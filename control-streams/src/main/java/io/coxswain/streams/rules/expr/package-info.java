/**
 * The controller-rule expression language of TrAC (fms-hf-tuning's training-control-as-code): a restricted
 * Python expression, with simpleeval's semantics, compiled once by {@link io.coxswain.streams.rules.expr.Rules#compile}
 * into an immutable tree and evaluated against a map of metric variables.
 *
 * <p>Supported: int (64-bit), float, str, True/False/None, list and dict displays; names; {@code x[i]} and {@code x[i:j:k]} (negative
 * indexes on lists and strings), {@code d["k"]} and {@code d.k} on dicts; {@code or and not}, chained
 * {@code < <= > >= == != in not in}, {@code is / is not None}; {@code + - * / // % **} and unary {@code - +} with
 * Python's precedence and numeric semantics; {@code a if c else b}; the functions len, sum, abs, round, min, max,
 * avg, math_trunc, math_floor, math_ceil, math_sqrt, int, float.
 *
 * <p>Slices {@code x[lower:upper:step]} on lists and strings, each bound optional, as Python takes them.
 *
 * <p>Not supported (compile errors with a column): tuples, sets, comprehensions, lambda, methods and
 * other callables, keyword or star arguments, assignment and walrus, statements, import, dunder names, bitwise
 * operators, string prefixes and triple quotes, non-decimal int literals. Bounds: nesting depth 100, int
 * exponent 4000, 64-bit ints, strings and lists of 100 000 elements.
 */
package io.coxswain.streams.rules.expr;
