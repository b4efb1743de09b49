package io.coxswain.streams.rules.trac;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** TrAC's operation classes. */
enum BuiltinOperation implements TracOperationClass {
    HF_CONTROLS("HFControls", Arrays.stream(HfControl.values()).map(HfControl::yamlName).collect(Collectors.toSet())),
    LOG_CONTROL("LogControl", Set.of("log"));

    static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warning", "error", "critical",
            "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

    private final String className;
    private final Set<String> actions;

    BuiltinOperation(String className, Set<String> actions) {
        this.className = className;
        this.actions = Set.copyOf(actions);
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public Set<String> actions() {
        return actions;
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> given) {
        if (this == HF_CONTROLS) {
            return Arguments.onlyKnown(given, Set.of());
        }
        return Arguments.first(
                Arguments.onlyKnown(given, Set.of("log_format", "log_level")),
                Arguments.string(given, "log_format", true),
                Arguments.string(given, "log_level", false),
                Arguments.oneOf(given, "log_level", LOG_LEVELS));
    }
}
