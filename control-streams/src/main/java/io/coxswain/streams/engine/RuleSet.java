package io.coxswain.streams.engine;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coxswain.streams.rules.metrics.MetricSpec;
import io.coxswain.streams.rules.trac.ControlAction;
import io.coxswain.streams.rules.trac.Controller;
import io.coxswain.streams.rules.trac.MetricDeclaration;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.OperationFunction;
import io.coxswain.streams.rules.trac.OperationSpec;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import io.coxswain.streams.rules.trac.Scope;
import io.coxswain.streams.rules.trac.TracClasses;
import io.coxswain.streams.rules.trac.TracRuleSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named, loaded rule set ready to run: the checked TrAC file, its version (the SHA-256 of its text) and, for each
 * metric and operation, how it is computed. Immutable and shared between threads.
 *
 * @param builtins   the metrics Coxswain computes itself (TrAC's classes), by name
 * @param functions  the metrics computed by a plugged-in class, by name
 * @param operations the operations carried out by a plugged-in class, by name
 * @param cohort     whether any metric or operation reads other runs: the set is then evaluated per experiment
 */
public record RuleSet(String name, String version, String text, TracRuleSet rules, Map<String, MetricSpec> builtins,
                      Map<String, MetricFunction> functions, Map<String, OperationFunction> operations,
                      boolean cohort) {

    private static final YAMLFactory YAML = new YAMLFactory();

    public RuleSet {
        builtins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builtins));
        functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        operations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operations));
    }

    /** Loads {@code text} (TrAC YAML, or JSON) under {@code name} with the built-in and plugged-in classes. */
    public static RuleSet load(String name, String text) {
        return load(name, text, TracClasses.builtinsAndServices(RuleSet.class.getClassLoader()));
    }

    /**
     * Loads {@code text} under {@code name} with exactly {@code classes}.
     *
     * @throws RuleSetLoadException naming the controller or metric, the field, the line and the column at fault
     */
    public static RuleSet load(String name, String text, TracClasses classes) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule set needs a non-blank name");
        }
        TracRuleSet rules = TracRuleSet.load(text, name, YAML, classes);
        Map<String, MetricSpec> builtins = new LinkedHashMap<>();
        Map<String, MetricFunction> functions = new LinkedHashMap<>();
        boolean cohort = false;
        for (MetricDeclaration metric : rules.metrics()) {
            MetricSpec builtin = BuiltinMetrics.spec(metric);
            if (builtin != null) {
                builtins.put(metric.name(), builtin);
            } else {
                var metricClass = classes.metric(metric.metricClass()).orElseThrow();
                functions.put(metric.name(), metricClass.create(metric.arguments()));
                cohort |= metricClass.cohort();
            }
        }
        Map<String, OperationFunction> operations = new LinkedHashMap<>();
        for (OperationSpec operation : rules.operations()) {
            if (!BuiltinMetrics.isBuiltinOperation(operation.operationClass())) {
                var operationClass = classes.operation(operation.operationClass()).orElseThrow();
                operations.put(operation.name(), operationClass.create(operation.arguments()));
                cohort |= operationClass.cohort();
            }
        }
        return new RuleSet(name, versionOf(text), text, rules, builtins, functions, operations, cohort);
    }

    /** The version of a rule set's text: its SHA-256, hex. */
    public static String versionOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public Scope scope() {
        return rules.scope();
    }

    public List<Controller> controllers() {
        return rules.controllers();
    }

    /** The controllers' names, in file order. */
    public List<String> controllerNames() {
        return controllers().stream().map(Controller::name).toList();
    }

    /** The history entries its HistoryBasedMetric windows need. */
    public int historyCapacity() {
        return MetricSpec.historyCapacity(builtins.values());
    }

    /** Whether any controller has a {@code set} operation (which reads live parameters). */
    public boolean setsParameters() {
        return controllers().stream().flatMap(c -> c.operations().stream())
                .anyMatch(a -> a instanceof ControlAction.Set);
    }
}
