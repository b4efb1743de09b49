package io.coxswain.streams.rules.expr;

import io.coxswain.streams.rules.expr.Token.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive descent over Python's expression grammar, lowest precedence first:
 * conditional, or, and, not, comparison, + -, * / // %, unary - +, **, postfix ([] . call), atom.
 */
final class Parser {
    static final int MAX_DEPTH = 100;
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "not", "if", "else", "in", "is");

    private final List<Token> tokens;
    private final Set<String> names = new LinkedHashSet<>();
    private final Map<Expr, Integer> depths = new IdentityHashMap<>();
    private int pos;
    private int nesting;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static CompiledRule parse(String text) {
        Parser parser = new Parser(Lexer.tokenize(text));
        if (parser.peek().kind() == Kind.END) {
            throw new RuleParseException("empty rule", 1);
        }
        Expr root = parser.expression();
        if (parser.peek().kind() != Kind.END) {
            throw parser.unexpected(parser.peek(), "end of rule");
        }
        return new CompiledRule(text, root, Collections.unmodifiableSet(parser.names));
    }

    private Expr expression() {
        enter();
        Expr body = or();
        if (peek().isKeyword("if")) {
            Token ifToken = next();
            Expr condition = or();
            expectKeyword("else");
            Expr otherwise = expression();
            body = node(new Expr.Conditional(ifToken.column(), body, condition, otherwise), body, condition, otherwise);
        }
        nesting--;
        return body;
    }

    private Expr or() {
        Expr first = and();
        if (!peek().isKeyword("or")) {
            return first;
        }
        List<Expr> operands = new ArrayList<>(List.of(first));
        while (peek().isKeyword("or")) {
            next();
            operands.add(and());
        }
        return node(new Expr.Or(first.column(), List.copyOf(operands)), operands.toArray(Expr[]::new));
    }

    private Expr and() {
        Expr first = not();
        if (!peek().isKeyword("and")) {
            return first;
        }
        List<Expr> operands = new ArrayList<>(List.of(first));
        while (peek().isKeyword("and")) {
            next();
            operands.add(not());
        }
        return node(new Expr.And(first.column(), List.copyOf(operands)), operands.toArray(Expr[]::new));
    }

    private Expr not() {
        if (!peek().isKeyword("not")) {
            return comparison();
        }
        Token not = next();
        enter();
        Expr operand = not();
        nesting--;
        return node(new Expr.Not(not.column(), operand), operand);
    }

    private Expr comparison() {
        Expr first = sum();
        List<CompareOp> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (CompareOp op = compareOp(); op != null; op = compareOp()) {
            Expr right = sum();
            if ((op == CompareOp.IS || op == CompareOp.IS_NOT)
                    && !(right instanceof Expr.Literal literal && literal.value() == null)) {
                throw new RuleParseException("'" + op.symbol + "' is only supported with None (use == to compare"
                        + " values)", right.column());
            }
            ops.add(op);
            rest.add(right);
        }
        if (ops.isEmpty()) {
            return first;
        }
        List<Expr> children = new ArrayList<>(rest);
        children.add(first);
        return node(new Expr.Compare(first.column(), first, List.copyOf(ops), List.copyOf(rest)),
                children.toArray(Expr[]::new));
    }

    private CompareOp compareOp() {
        Token token = peek();
        if (token.kind() == Kind.OP) {
            CompareOp op = switch (token.text()) {
                case "<" -> CompareOp.LT;
                case "<=" -> CompareOp.LE;
                case ">" -> CompareOp.GT;
                case ">=" -> CompareOp.GE;
                case "==" -> CompareOp.EQ;
                case "!=" -> CompareOp.NE;
                default -> null;
            };
            if (op != null) {
                next();
            }
            return op;
        }
        if (token.isKeyword("in")) {
            next();
            return CompareOp.IN;
        }
        if (token.isKeyword("not") && tokens.get(pos + 1).isKeyword("in")) {
            pos += 2;
            return CompareOp.NOT_IN;
        }
        if (token.isKeyword("is")) {
            next();
            if (peek().isKeyword("not")) {
                next();
                return CompareOp.IS_NOT;
            }
            return CompareOp.IS;
        }
        return null;
    }

    private Expr sum() {
        Expr left = term();
        while (peek().isOp("+") || peek().isOp("-")) {
            Token op = next();
            Expr right = term();
            left = node(new Expr.Binary(op.column(), BinaryOp.of(op.text()), left, right), left, right);
        }
        return left;
    }

    private Expr term() {
        Expr left = factor();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
            Token op = next();
            Expr right = factor();
            left = node(new Expr.Binary(op.column(), BinaryOp.of(op.text()), left, right), left, right);
        }
        return left;
    }

    private Expr factor() {
        if (!peek().isOp("-") && !peek().isOp("+")) {
            return power();
        }
        Token sign = next();
        enter();
        Expr operand = factor();
        nesting--;
        Expr unary = sign.text().equals("-") ? new Expr.Negate(sign.column(), operand)
                : new Expr.Plus(sign.column(), operand);
        return node(unary, operand);
    }

    private Expr power() {
        Expr base = postfix();
        if (!peek().isOp("**")) {
            return base;
        }
        Token op = next();
        enter();
        Expr exponent = factor();
        nesting--;
        return node(new Expr.Binary(op.column(), BinaryOp.POW, base, exponent), base, exponent);
    }

    /** After {@code [}: an index {@code [i]} or a slice {@code [lower:upper:step]}, each bound optional. */
    private Expr subscript(Token open, Expr target) {
        Expr lower = peek().isOp(":") ? null : expression();
        if (!peek().isOp(":")) {
            expectOp("]", "']' to close the subscript");
            return node(new Expr.Subscript(open.column(), target, lower), target, lower);
        }
        next();
        Expr upper = peek().isOp(":") || peek().isOp("]") ? null : expression();
        Expr step = null;
        if (peek().isOp(":")) {
            next();
            step = peek().isOp("]") ? null : expression();
        }
        expectOp("]", "']' to close the slice");
        List<Expr> parts = new java.util.ArrayList<>(List.of(target));
        for (Expr part : new Expr[] {lower, upper, step}) {
            if (part != null) {
                parts.add(part);
            }
        }
        return node(new Expr.Slice(open.column(), target, lower, upper, step), parts.toArray(Expr[]::new));
    }

    private Expr postfix() {
        Expr target = atom();
        while (true) {
            Token token = peek();
            if (token.isOp("[")) {
                next();
                target = subscript(token, target);
            } else if (token.isOp(".")) {
                next();
                Token key = peek();
                if (key.kind() != Kind.NAME) {
                    throw unexpected(key, "a key name after '.'");
                }
                next();
                rejectDunder(key);
                target = node(new Expr.Attribute(key.column(), target, key.text()), target);
            } else if (token.isOp("(")) {
                throw new RuleParseException(target instanceof Expr.Attribute ? "method calls are not allowed"
                        : "only the built-in functions can be called (" + Builtin.names() + ")", token.column());
            } else {
                return target;
            }
        }
    }

    private Expr atom() {
        Token token = next();
        switch (token.kind()) {
            case INT, FLOAT, STRING -> {
                return node(new Expr.Literal(token.column(), token.value()));
            }
            case NAME -> {
                return name(token);
            }
            case OP -> {
                if (token.isOp("(")) {
                    return parenthesized();
                }
                if (token.isOp("[")) {
                    return list(token);
                }
                if (token.isOp("{")) {
                    return dict(token);
                }
                throw unexpected(token, "a value");
            }
            default -> throw unexpected(token, "a value");
        }
    }

    private Expr name(Token token) {
        String text = token.text();
        switch (text) {
            case "True" -> {
                return node(new Expr.Literal(token.column(), Boolean.TRUE));
            }
            case "False" -> {
                return node(new Expr.Literal(token.column(), Boolean.FALSE));
            }
            case "None" -> {
                return node(new Expr.Literal(token.column(), null));
            }
            default -> {
            }
        }
        String reason = Forbidden.reason(token);
        if (reason != null) {
            throw new RuleParseException(reason, token.column());
        }
        if (OPERATOR_WORDS.contains(text)) {
            throw unexpected(token, "a value");
        }
        rejectDunder(token);
        if (peek().isOp("(")) {
            return call(token);
        }
        names.add(text);
        return node(new Expr.Name(token.column(), text));
    }

    private Expr call(Token function) {
        Builtin builtin = Builtin.named(function.text());
        if (builtin == null) {
            throw new RuleParseException("unknown function '" + function.text() + "'; the functions are "
                    + Builtin.names(), function.column());
        }
        next();
        List<Expr> arguments = elements(")", "')' to close the call");
        if (arguments.size() < builtin.minArgs || arguments.size() > builtin.maxArgs) {
            String expected = builtin.minArgs == builtin.maxArgs ? String.valueOf(builtin.minArgs)
                    : builtin.maxArgs == Integer.MAX_VALUE ? "at least " + builtin.minArgs
                    : builtin.minArgs + " to " + builtin.maxArgs;
            throw new RuleParseException(builtin.name + "() takes " + expected + " argument(s), got "
                    + arguments.size(), function.column());
        }
        return node(new Expr.Call(function.column(), builtin, List.copyOf(arguments)), arguments.toArray(Expr[]::new));
    }

    private Expr parenthesized() {
        Expr inner = expression();
        if (peek().isOp(",")) {
            throw new RuleParseException("tuples are not supported", peek().column());
        }
        expectOp(")", "')'");
        return inner;
    }

    private Expr list(Token open) {
        List<Expr> elements = elements("]", "']' to close the list");
        return node(new Expr.ListDisplay(open.column(), List.copyOf(elements)), elements.toArray(Expr[]::new));
    }

    /** Comma-separated expressions up to {@code close} (consumed), a trailing comma allowed. */
    private List<Expr> elements(String close, String expected) {
        List<Expr> elements = new ArrayList<>();
        while (!peek().isOp(close)) {
            elements.add(expression());
            if (!peek().isOp(",")) {
                break;
            }
            next();
        }
        expectOp(close, expected);
        return elements;
    }

    private Expr dict(Token open) {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!peek().isOp("}")) {
            Expr key = expression();
            if (peek().isOp(",") || peek().isOp("}")) {
                throw new RuleParseException("set literals are not supported", open.column());
            }
            expectOp(":", "':' after a dict key");
            keys.add(key);
            values.add(expression());
            if (!peek().isOp(",")) {
                break;
            }
            next();
        }
        expectOp("}", "'}' to close the dict");
        List<Expr> children = new ArrayList<>(keys);
        children.addAll(values);
        return node(new Expr.DictDisplay(open.column(), List.copyOf(keys), List.copyOf(values)),
                children.toArray(Expr[]::new));
    }

    private void rejectDunder(Token name) {
        if (Forbidden.isDunder(name.text())) {
            throw new RuleParseException("dunder names like '" + name.text() + "' are not allowed", name.column());
        }
    }

    /** Records the node's depth (1 + its deepest child) and rejects trees deeper than {@link #MAX_DEPTH}. */
    private Expr node(Expr expr, Expr... children) {
        int depth = 1;
        for (Expr child : children) {
            depth = Math.max(depth, depths.getOrDefault(child, 1) + 1);
        }
        if (depth > MAX_DEPTH) {
            throw tooDeep(expr.column());
        }
        depths.put(expr, depth);
        return expr;
    }

    private void enter() {
        if (++nesting > MAX_DEPTH) {
            throw tooDeep(peek().column());
        }
    }

    private static RuleParseException tooDeep(int column) {
        return new RuleParseException("expression nested deeper than " + MAX_DEPTH + " levels", column);
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw unexpected(peek(), "'" + keyword + "'");
        }
        next();
    }

    private void expectOp(String op, String expected) {
        if (!peek().isOp(op)) {
            throw unexpected(peek(), expected);
        }
        next();
    }

    private RuleParseException unexpected(Token token, String expected) {
        String reason = Forbidden.reason(token);
        if (reason != null) {
            return new RuleParseException(reason, token.column());
        }
        return new RuleParseException("unexpected " + token.describe() + ", expected " + expected, token.column());
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token token = tokens.get(pos);
        if (token.kind() != Kind.END) {
            pos++;
        }
        return token;
    }
}
