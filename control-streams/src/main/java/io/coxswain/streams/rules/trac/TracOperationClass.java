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
}
