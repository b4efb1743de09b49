package io.coxswain.streams.rules.trac;

import io.coxswain.streams.rules.expr.CompiledRule;
import io.coxswain.streams.rules.expr.RuleParseException;
import io.coxswain.streams.rules.expr.Rules;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns one {@code controllers} entry into a {@link Controller}, resolving every name it uses. */
final class ControllerReader {
    private static final Set<String> FIELDS = Set.of("name", "triggers", "rule", "patience", "operations", "config");
    private static final String KNOWN_CALLBACKS =
            Arrays.stream(Callback.values()).map(Callback::yamlName).collect(Collectors.joining(", "));

    private ControllerReader() {
    }

    static Controller read(Entry entry, Map<String, MetricDeclaration> metrics, Map<String, OperationSpec> operations,
            TracClasses classes) {
        entry.onlyFields(FIELDS);
        String name = entry.requiredString("name");
        List<Callback> triggers = entry.requiredStrings("triggers").stream()
                .map(t -> Callback.fromYaml(t).orElseThrow(() -> entry.error("triggers",
                        "unknown trigger '" + t + "'; known: " + KNOWN_CALLBACKS)))
                .toList();
        CompiledRule rule = rule(entry, metrics);
        Patience patience = patience(entry);
        List<ControlAction> actions = operationItems(entry).stream()
                .map(item -> item instanceof Node.Mapping set ? setAction(entry, set)
                        : action(entry, (String) ((Node.Scalar) item).value(), operations, classes))
                .toList();
        return new Controller(name, triggers, rule, patience, actions, logLevel(entry));
    }

    private static CompiledRule rule(Entry entry, Map<String, MetricDeclaration> metrics) {
        Node node = entry.required("rule");
        String text;
        if (node instanceof Node.Scalar scalar && scalar.value() instanceof String s && !s.isBlank()) {
            text = s;
        } else if (node instanceof Node.Scalar scalar && scalar.value() instanceof Boolean b) {
            text = b ? "True" : "False";
        } else {
            throw entry.error("rule", "must be a non-empty string, got " + node.typeName());
        }
        CompiledRule rule;
        try {
            rule = Rules.compile(text);
        } catch (RuleParseException e) {
            String problem = e.getMessage().replace(" (column " + e.column() + ")", "");
            throw new RuleSetLoadException(entry.source(), entry.subject(), "rule", node.line(), e.column(), problem);
        }
        Set<String> unknown = new LinkedHashSet<>(rule.names());
        unknown.removeAll(metrics.keySet());
        if (!unknown.isEmpty()) {
            throw entry.error("rule", "uses name(s) " + unknown + " that no controller_metrics entry defines; defined: "
                    + new java.util.TreeSet<>(metrics.keySet()));
        }
        return rule;
    }

    /** The {@code operations} items: {@code <operation>.<action>} strings and {@code set: {...}} mappings. */
    private static List<Node> operationItems(Entry entry) {
        Node value = entry.required("operations");
        if (!(value instanceof Node.Sequence sequence) || sequence.items().isEmpty()) {
            throw entry.error("operations", "must be a non-empty list, got " + value.typeName());
        }
        for (Node item : sequence.items()) {
            boolean reference = item instanceof Node.Scalar scalar && scalar.value() instanceof String;
            if (!reference && !(item instanceof Node.Mapping)) {
                throw entry.error("operations", "items must be '<operation>.<action>' strings or 'set' mappings, got "
                        + item.typeName());
            }
        }
        return sequence.items();
    }

    private static ControlAction setAction(Entry entry, Node.Mapping item) {
        if (item.fields().size() != 1 || !(item.fields().get("set") instanceof Node.Mapping values)
                || values.fields().isEmpty()) {
            throw new RuleSetLoadException(entry.source(), entry.subject(), "operations", item.line(),
                    "a mapping item must be 'set: {<parameter>: <expression>, ...}' with at least one parameter");
        }
        Map<String, CompiledRule> compiled = new java.util.LinkedHashMap<>();
        values.fields().forEach((param, node) -> {
            String text = node instanceof Node.Scalar scalar && scalar.value() != null
                    ? String.valueOf(scalar.value()) : null;
            if (text == null || text.isBlank()) {
                throw new RuleSetLoadException(entry.source(), entry.subject(), "operations", node.line(),
                        "set " + param + ": the value must be an expression (a string or number), got "
                                + node.typeName());
            }
            try {
                compiled.put(param, Rules.compile(text));
            } catch (RuleParseException e) {
                String problem = e.getMessage().replace(" (column " + e.column() + ")", "");
                throw new RuleSetLoadException(entry.source(), entry.subject(), "operations", node.line(),
                        e.column(), "set " + param + ": " + problem);
            }
        });
        return new ControlAction.Set(compiled);
    }

    private static Patience patience(Entry entry) {
        if (entry.optional("patience").isEmpty()) {
            return Patience.EVERY_TRUE;
        }
        Entry block = entry.nested("patience");
        block.onlyFields(Set.of("patience_threshold", "mode"));
        int threshold = Patience.DEFAULT_THRESHOLD;
        Optional<Node> thresholdNode = block.optional("patience_threshold");
        if (thresholdNode.isPresent()) {
            if (!(thresholdNode.get() instanceof Node.Scalar s && s.value() instanceof Long value)
                    || value < 0 || value > Integer.MAX_VALUE) {
                throw block.error("patience_threshold", "must be a non-negative integer, got "
                        + thresholdNode.get().toPlain());
            }
            threshold = value.intValue();
        }
        PatienceMode mode = PatienceMode.RESET_ON_FAILURE;
        if (block.optional("mode").isPresent()) {
            String text = block.requiredString("mode");
            mode = Arrays.stream(PatienceMode.values()).filter(m -> m.yamlName().equals(text)).findFirst()
                    .orElseThrow(() -> block.error("mode",
                            "must be reset_on_failure or no_reset_on_failure, got '" + text + "'"));
        }
        return new Patience(threshold, mode);
    }

    private static ControlAction action(Entry entry, String ref, Map<String, OperationSpec> operations,
            TracClasses classes) {
        int dot = ref.lastIndexOf('.');
        if (dot <= 0 || dot == ref.length() - 1) {
            throw entry.error("operations", "'" + ref + "' must be <operation name>.<action>");
        }
        String operationName = ref.substring(0, dot);
        String action = ref.substring(dot + 1);
        OperationSpec operation = operations.get(operationName);
        if (operation == null) {
            throw entry.error("operations", "unknown operation '" + operationName + "' in '" + ref + "'; declared: "
                    + new java.util.TreeSet<>(operations.keySet()));
        }
        TracOperationClass operationClass = classes.operation(operation.operationClass()).orElseThrow();
        if (!operationClass.actions().contains(action)) {
            throw entry.error("operations", "operation '" + operationName + "' (" + operation.operationClass()
                    + ") has no action '" + action + "'; actions: " + new java.util.TreeSet<>(operationClass.actions()));
        }
        Optional<HfControl> hf = operationClass == BuiltinOperation.HF_CONTROLS ? HfControl.fromYaml(action)
                : Optional.empty();
        return hf.<ControlAction>map(c -> new ControlAction.Hf(operationName, c))
                .orElseGet(() -> new ControlAction.Invoke(operationName, operation.operationClass(), action));
    }

    private static Optional<String> logLevel(Entry entry) {
        if (entry.optional("config").isEmpty()) {
            return Optional.empty();
        }
        Entry config = entry.nested("config");
        config.onlyFields(Set.of("trigger_log_level"));
        if (config.optional("trigger_log_level").isEmpty()) {
            return Optional.empty();
        }
        String level = config.requiredString("trigger_log_level");
        if (!BuiltinOperation.LOG_LEVELS.contains(level)) {
            throw config.error("trigger_log_level", "must be one of debug, info, warning, error, critical, got '"
                    + level + "'");
        }
        return Optional.of(level);
    }
}
