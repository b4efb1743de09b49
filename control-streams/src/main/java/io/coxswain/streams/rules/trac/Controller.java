package io.coxswain.streams.rules.trac;

import io.coxswain.streams.rules.expr.CompiledRule;
import java.util.List;
import java.util.Optional;

/** A {@code controllers} entry: on each trigger, evaluate the rule; through patience, fire the operations. */
public record Controller(String name, List<Callback> triggers, CompiledRule rule, Patience patience,
        List<ControlAction> operations, Optional<String> triggerLogLevel) {
    public Controller {
        triggers = List.copyOf(triggers);
        operations = List.copyOf(operations);
    }

    /** Whether the controller listens on the trigger named {@code trigger} (e.g. {@code on_log}). */
    public boolean listensOn(String trigger) {
        for (Callback callback : triggers) {
            if (callback.yamlName().equals(trigger)) {
                return true;
            }
        }
        return false;
    }
}
