package io.coxswain.streams.rules.trac;

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

    /** An action of a LogControl or custom operation, carried out by that operation's class. */
    record Invoke(String operation, String operationClass, String action) implements ControlAction {
    }
}
