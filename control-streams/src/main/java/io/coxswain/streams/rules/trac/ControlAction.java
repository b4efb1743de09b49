package io.coxswain.streams.rules.trac;

import io.coxswain.streams.rules.expr.CompiledRule;
import java.util.Map;

/** One entry of a controller's {@code operations} list: {@code <operation name>.<action>}, resolved at load. */
public sealed interface ControlAction {
    /** The operation's name as declared (or {@code hfcontrols}). */
    String operation();

    /** The action after the dot. */
    String action();

    /** An HFControls action: sets a flag on the trainer's control, i.e. fires a Coxswain trigger. */
    record Hf(String operation, HfControl control) implements ControlAction {
        @Override
        public String action() {
            return control.yamlName();
        }
    }

    /**
     * Coxswain's {@code set} operation: each parameter gets the value of its expression, evaluated over the metrics
     * and the run's current live parameters when the controller fires. Written {@code set: {param: "expr"}}.
     */
    record Set(Map<String, CompiledRule> values) implements ControlAction {
        public Set {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        @Override
        public String operation() {
            return "set";
        }

        @Override
        public String action() {
            return "set";
        }
    }

    /** An action of a LogControl or custom operation, carried out by that operation's class. */
    record Invoke(String operation, String operationClass, String action) implements ControlAction {
    }
}
