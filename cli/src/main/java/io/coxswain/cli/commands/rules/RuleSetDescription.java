package io.coxswain.cli.commands.rules;

import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.Callback;
import io.coxswain.streams.rules.trac.ControlAction;
import io.coxswain.streams.rules.trac.Controller;
import io.coxswain.streams.rules.trac.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A loaded rule set as {@code cox rules check} prints it: version, scope, metrics, then each controller. */
final class RuleSetDescription {
    /** How many hex digits of a version are shown. */
    static final int VERSION_DIGITS = 12;

    private RuleSetDescription() {
    }

    /** The first {@value #VERSION_DIGITS} hex digits of a rule set version. */
    static String shortVersion(String version) {
        return version.substring(0, Math.min(VERSION_DIGITS, version.length()));
    }

    static List<String> lines(RuleFile file, RuleSet set) {
        List<String> lines = new ArrayList<>();
        lines.add("rule set " + set.name() + " version " + shortVersion(set.version()) + " (" + file.path() + ")");
        lines.add("  scope:   " + scope(set.scope()));
        lines.add("  metrics: " + metrics(set));
        for (Controller controller : set.controllers()) {
            lines.addAll(controller(controller));
        }
        if (set.controllers().isEmpty()) {
            lines.add("  no controllers: this rule set never fires");
        }
        return lines;
    }

    private static List<String> controller(Controller c) {
        return List.of(
                "  controller " + c.name(),
                "    triggers:   " + c.triggers().stream().map(Callback::yamlName).collect(Collectors.joining(", ")),
                "    rule:       " + c.rule().source().strip().replace("\n", "\n                "),
                "    patience:   threshold " + c.patience().threshold() + ", " + c.patience().mode().yamlName(),
                "    operations: " + c.operations().stream().map(RuleSetDescription::operation)
                        .collect(Collectors.joining(", ")));
    }

    private static String scope(Scope scope) {
        if (scope.experiments().isEmpty() && scope.tags().isEmpty()) {
            return "all runs";
        }
        List<String> parts = new ArrayList<>();
        if (!scope.experiments().isEmpty()) {
            parts.add("experiments " + String.join(", ", scope.experiments()));
        }
        if (!scope.tags().isEmpty()) {
            parts.add("runs tagged " + String.join(" and ", scope.tags()));
        }
        return String.join("; ", parts);
    }

    private static String metrics(RuleSet set) {
        if (set.rules().metrics().isEmpty()) {
            return "none";
        }
        return set.rules().metrics().stream().map(m -> m.name() + " (" + m.metricClass() + ")")
                .collect(Collectors.joining(", "));
    }

    /** {@code hfcontrols.should_training_stop (trigger stop)}, {@code set learning_rate = expr}, {@code log.log}. */
    static String operation(ControlAction action) {
        if (action instanceof ControlAction.Hf hf) {
            return hf.operation() + "." + hf.action() + " (trigger " + hf.control().trigger() + ")";
        }
        if (action instanceof ControlAction.Set set) {
            return set.values().entrySet().stream().map(e -> "set " + e.getKey() + " = " + e.getValue().source())
                    .collect(Collectors.joining(", "));
        }
        ControlAction.Invoke invoke = (ControlAction.Invoke) action;
        return invoke.operation() + "." + invoke.action() + " (" + invoke.operationClass() + ")";
    }
}
