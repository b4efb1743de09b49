package io.coxswain.streams.rules.trac;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An operation class a controller file may name in {@code operations[].class}. Coxswain's built-ins cover TrAC's;
 * more are found with {@link java.util.ServiceLoader} under this interface's name.
 */
public interface TracOperationClass {
    /** The name written in the file, e.g. {@code LogControl}. */
    String className();

    /** The actions a controller may name after the dot. */
    Set<String> actions();

    /** Why these arguments are not acceptable, or empty when they are. */
    Optional<String> checkArguments(Map<String, Object> arguments);

    /**
     * The operation for one rule set, with arguments that passed {@link #checkArguments}. Coxswain carries out TrAC's
     * own classes itself; every other class must implement this.
     */
    default OperationFunction create(Map<String, Object> arguments) {
        throw new UnsupportedOperationException("operation class " + className() + " is carried out by the engine");
    }

    /** Whether the operation reads other runs of the experiment: its rule sets are then evaluated per experiment. */
    default boolean cohort() {
        return false;
    }
}
