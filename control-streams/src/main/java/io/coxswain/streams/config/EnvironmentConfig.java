package io.coxswain.streams.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads {@link ControlStreamsConfig} from {@code COXSWAIN_*} environment variables; unset ones keep the default.
 * A bad value fails naming the variable.
 */
final class EnvironmentConfig {
    static final String BOOTSTRAP_SERVERS = "COXSWAIN_BOOTSTRAP_SERVERS";
    static final String APPLICATION_ID = "COXSWAIN_STREAMS_APPLICATION_ID";
    static final String STATE_DIR = "COXSWAIN_STREAMS_STATE_DIR";
    static final String COMMIT_INTERVAL_MS = "COXSWAIN_STREAMS_COMMIT_INTERVAL_MS";
    static final String PROCESSING_GUARANTEE = "COXSWAIN_STREAMS_PROCESSING_GUARANTEE";
    static final String START_TIMEOUT_MS = "COXSWAIN_STREAMS_START_TIMEOUT_MS";
    static final String CLOSE_TIMEOUT_MS = "COXSWAIN_STREAMS_CLOSE_TIMEOUT_MS";
    static final String CONTROL_PARTITIONS = "COXSWAIN_STREAMS_CONTROL_PARTITIONS";
    static final String SESSION_TIMEOUT_MS = "COXSWAIN_STREAMS_SESSION_TIMEOUT_MS";
    static final String LOSS_PLATEAU_WINDOW = "COXSWAIN_LOSS_PLATEAU_WINDOW";
    static final String LOSS_PLATEAU_MIN_DELTA = "COXSWAIN_LOSS_PLATEAU_MIN_DELTA";
    static final String LOSS_PLATEAU_MIN_STEPS = "COXSWAIN_LOSS_PLATEAU_MIN_STEPS";
    static final String RULE_FILES = "COXSWAIN_RULE_FILES";

    private static final String MILLIS = "a whole number of milliseconds";

    private final Map<String, String> env;

    EnvironmentConfig(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    ControlStreamsConfig read() {
        String servers = env.get(BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new InvalidConfigException(BOOTSTRAP_SERVERS, servers, "is required (host:port[,host:port...])");
        }
        ControlStreamsConfig c = apply(BOOTSTRAP_SERVERS, null, Function.identity(), "host:port[,host:port...]",
                (ignored, value) -> ControlStreamsConfig.defaults(value));
        c = apply(APPLICATION_ID, c, Function.identity(), "an id", ControlStreamsConfig::withApplicationId);
        c = apply(STATE_DIR, c, Path::of, "a path", ControlStreamsConfig::withStateDir);
        c = apply(COMMIT_INTERVAL_MS, c, EnvironmentConfig::millis, MILLIS, ControlStreamsConfig::withCommitInterval);
        c = apply(PROCESSING_GUARANTEE, c, EnvironmentConfig::guarantee, "at_least_once or exactly_once_v2",
                ControlStreamsConfig::withProcessingGuarantee);
        c = apply(START_TIMEOUT_MS, c, EnvironmentConfig::millis, MILLIS, ControlStreamsConfig::withStartTimeout);
        c = apply(CLOSE_TIMEOUT_MS, c, EnvironmentConfig::millis, MILLIS, ControlStreamsConfig::withCloseTimeout);
        c = apply(CONTROL_PARTITIONS, c, Integer::valueOf, "an integer", ControlStreamsConfig::withControlPartitions);
        c = apply(SESSION_TIMEOUT_MS, c, EnvironmentConfig::millis, MILLIS, ControlStreamsConfig::withSessionTimeout);
        c = apply(RULE_FILES, c, EnvironmentConfig::paths, "paths separated by '" + java.io.File.pathSeparator + "'",
                ControlStreamsConfig::withRuleFiles);
        LossPlateauConfig rule = c.lossPlateau();
        rule = apply(LOSS_PLATEAU_WINDOW, rule, Integer::valueOf, "an integer", LossPlateauConfig::withWindow);
        rule = apply(LOSS_PLATEAU_MIN_DELTA, rule, Double::valueOf, "a number", LossPlateauConfig::withMinDelta);
        rule = apply(LOSS_PLATEAU_MIN_STEPS, rule, Long::valueOf, "an integer", LossPlateauConfig::withMinSteps);
        return c.withLossPlateau(rule);
    }

    private static java.util.List<Path> paths(String text) {
        return java.util.Arrays.stream(text.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator)))
                .map(String::trim).filter(p -> !p.isEmpty()).map(Path::of).toList();
    }

    /** Parses variable {@code name} when set and gives it to {@code setter}; any failure names the variable. */
    private <T, C> C apply(String name, C target, Function<String, T> parser, String expected,
                           BiFunction<C, T, C> setter) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return target;
        }
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (IllegalArgumentException e) { // NumberFormatException, InvalidPathException
            throw new InvalidConfigException(name, text, "must be " + expected);
        }
        try {
            return setter.apply(target, value);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(name, text, e.problem());
        }
    }

    private static Duration millis(String text) {
        return Duration.ofMillis(Long.parseLong(text));
    }

    private static ProcessingGuarantee guarantee(String text) {
        return ProcessingGuarantee.fromKafkaName(text)
                .orElseThrow(() -> new IllegalArgumentException("unknown processing guarantee " + text));
    }
}
