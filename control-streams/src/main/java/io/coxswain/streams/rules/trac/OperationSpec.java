package io.coxswain.streams.rules.trac;

import java.util.Map;

/** An {@code operations} entry: a named instance of an operation class with its arguments. */
public record OperationSpec(String name, String operationClass, Map<String, Object> arguments, int line) {
    /** The operation every file has without declaring it. */
    public static final OperationSpec HF_CONTROLS = new OperationSpec("hfcontrols", "HFControls", Map.of(), 0);

    public OperationSpec {
        arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    }
}
