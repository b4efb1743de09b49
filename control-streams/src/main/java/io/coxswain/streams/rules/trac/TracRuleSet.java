package io.coxswain.streams.rules.trac;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TrAC controller file, loaded and checked: every class, trigger, operation and action resolved, every rule
 * compiled once. Unknown top-level keys are ignored, as TrAC does.
 */
public record TracRuleSet(String source, List<MetricDeclaration> metrics, List<OperationSpec> operations,
        List<Controller> controllers, Scope scope) {
    public TracRuleSet {
        metrics = List.copyOf(metrics);
        operations = List.copyOf(operations);
        controllers = List.copyOf(controllers);
    }

    /**
     * Loads {@code text} in the given format (a {@code YAMLFactory} for TrAC's YAML files; any Jackson streaming
     * format works) with the built-in classes and those registered through {@link java.util.ServiceLoader}.
     *
     * @throws RuleSetLoadException naming the entry, field, line and, for rules, the column at fault
     */
    public static TracRuleSet load(String text, String source, JsonFactory format) {
        return load(text, source, format, TracClasses.builtinsAndServices(TracRuleSet.class.getClassLoader()));
    }

    /** As {@link #load(String, String, JsonFactory)} with exactly these classes. */
    public static TracRuleSet load(String text, String source, JsonFactory format, TracClasses classes) {
        Node root = NodeReader.read(text, source, format);
        if (!(root instanceof Node.Mapping file)) {
            throw new RuleSetLoadException(source, "file", "", root.line(), "must be a mapping, got " + root.typeName());
        }
        Entry top = new Entry(source, "file", file);
        Map<String, MetricDeclaration> metrics = new LinkedHashMap<>();
        for (Entry entry : entries(top, "controller_metrics", "metric", false)) {
            MetricDeclaration metric = metric(entry, classes);
            putUnique(metrics, metric.name(), metric, entry, "metric");
        }
        Map<String, OperationSpec> operations = new LinkedHashMap<>();
        operations.put(OperationSpec.HF_CONTROLS.name(), OperationSpec.HF_CONTROLS);
        List<OperationSpec> declared = new ArrayList<>();
        for (Entry entry : entries(top, "operations", "operation", false)) {
            OperationSpec operation = operation(entry, classes);
            putUnique(operations, operation.name(), operation, entry, "operation");
            declared.add(operation);
        }
        Map<String, Controller> controllers = new LinkedHashMap<>();
        for (Entry entry : entries(top, "controllers", "controller", true)) {
            Controller controller = ControllerReader.read(entry, metrics, operations, classes);
            putUnique(controllers, controller.name(), controller, entry, "controller");
        }
        return new TracRuleSet(source, List.copyOf(metrics.values()), declared, List.copyOf(controllers.values()),
                scope(top));
    }

    private static Scope scope(Entry top) {
        if (top.optional("scope").isEmpty()) {
            return Scope.ALL;
        }
        Entry scope = new Entry(top.source(), "scope", top.nested("scope").node());
        scope.onlyFields(Set.of("experiments", "tags"));
        List<String> experiments = scope.optional("experiments").isPresent()
                ? scope.requiredStrings("experiments") : List.of();
        List<String> tags = scope.optional("tags").isPresent() ? scope.requiredStrings("tags") : List.of();
        return new Scope(experiments, tags);
    }

    private static List<Entry> entries(Entry top, String field, String kind, boolean required) {
        if (!required && top.optional(field).isEmpty()) {
            return List.of();
        }
        Node value = top.required(field);
        if (!(value instanceof Node.Sequence sequence) || (required && sequence.items().isEmpty())) {
            throw top.error(field, "must be a " + (required ? "non-empty " : "") + "list, got " + value.typeName());
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            entries.add(Entry.of(top.source(), kind, sequence.items().get(i), i));
        }
        return entries;
    }

    private static MetricDeclaration metric(Entry entry, TracClasses classes) {
        entry.onlyFields(Set.of("name", "class", "arguments"));
        String className = entry.requiredString("class");
        TracMetricClass metricClass = classes.metric(className).orElseThrow(() -> entry.error("class",
                "unknown metric class '" + className + "'; known: " + String.join(", ", classes.metrics().keySet())));
        Map<String, Object> arguments = entry.arguments();
        metricClass.checkArguments(arguments).ifPresent(problem -> {
            throw entry.error("arguments", problem);
        });
        return new MetricDeclaration(entry.requiredString("name"), className, arguments, entry.node().line());
    }

    private static OperationSpec operation(Entry entry, TracClasses classes) {
        entry.onlyFields(Set.of("name", "class", "arguments"));
        String className = entry.requiredString("class");
        TracOperationClass operationClass = classes.operation(className).orElseThrow(() -> entry.error("class",
                "unknown operation class '" + className + "'; known: "
                        + String.join(", ", classes.operations().keySet())));
        Map<String, Object> arguments = entry.arguments();
        operationClass.checkArguments(arguments).ifPresent(problem -> {
            throw entry.error("arguments", problem);
        });
        return new OperationSpec(entry.requiredString("name"), className, arguments, entry.node().line());
    }

    private static <T> void putUnique(Map<String, T> byName, String name, T value, Entry entry, String kind) {
        if (byName.putIfAbsent(name, value) != null) {
            String problem = "hfcontrols".equals(name) && "operation".equals(kind)
                    ? "'hfcontrols' is predefined and cannot be declared again"
                    : "duplicate " + kind + " name '" + name + "'";
            throw entry.error("name", problem);
        }
    }
}
