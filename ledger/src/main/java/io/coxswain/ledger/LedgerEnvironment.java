package io.coxswain.ledger;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Reads {@link LedgerConfig} from {@code COXSWAIN_*} environment variables; unset ones keep their default. */
public final class LedgerEnvironment {
    public static final String BOOTSTRAP_SERVERS = "COXSWAIN_BOOTSTRAP_SERVERS";
    public static final String JDBC_URL = "COXSWAIN_JDBC_URL";
    public static final String GROUP_ID = "COXSWAIN_LEDGER_GROUP_ID";
    public static final String POLL_TIMEOUT_MS = "COXSWAIN_LEDGER_POLL_TIMEOUT_MS";
    public static final String BATCH_SIZE = "COXSWAIN_LEDGER_BATCH_SIZE";
    public static final String START_TIMEOUT_MS = "COXSWAIN_LEDGER_START_TIMEOUT_MS";
    public static final String MAX_BACKOFF_MS = "COXSWAIN_LEDGER_MAX_BACKOFF_MS";
    public static final String SESSION_TIMEOUT_MS = "COXSWAIN_LEDGER_SESSION_TIMEOUT_MS";
    public static final String CONSUMERS = "COXSWAIN_LEDGER_CONSUMERS";

    private LedgerEnvironment() {
    }

    /** @throws LedgerConfigException naming the variable that is missing or bad */
    public static LedgerConfig read(Map<String, String> env) {
        LedgerConfig config = LedgerConfig.defaults(required(env, BOOTSTRAP_SERVERS), required(env, JDBC_URL));
        config = apply(env, GROUP_ID, config, Function.identity(), LedgerConfig::withGroupId);
        config = apply(env, POLL_TIMEOUT_MS, config, LedgerEnvironment::millis, LedgerConfig::withPollTimeout);
        config = apply(env, BATCH_SIZE, config, Integer::valueOf, LedgerConfig::withBatchSize);
        config = apply(env, START_TIMEOUT_MS, config, LedgerEnvironment::millis, LedgerConfig::withStartTimeout);
        config = apply(env, MAX_BACKOFF_MS, config, LedgerEnvironment::millis, LedgerConfig::withMaxBackoff);
        config = apply(env, SESSION_TIMEOUT_MS, config, LedgerEnvironment::millis, LedgerConfig::withSessionTimeout);
        return apply(env, CONSUMERS, config, Integer::valueOf, LedgerConfig::withConsumers);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new LedgerConfigException(name, value == null ? "(unset)" : "''", "is required");
        }
        return value.trim();
    }

    private static <T> LedgerConfig apply(Map<String, String> env, String name, LedgerConfig config,
                                          Function<String, T> parse, BiFunction<LedgerConfig, T, LedgerConfig> with) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return config;
        }
        T value;
        try {
            value = parse.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new LedgerConfigException(name, "'" + text + "'", "must be a whole number");
        }
        try {
            return with.apply(config, value);
        } catch (LedgerConfigException e) {
            throw new LedgerConfigException(name, "'" + text + "'", "is invalid: " + e.getMessage());
        }
    }

    private static Duration millis(String text) {
        return Duration.ofMillis(Long.parseLong(text));
    }
}
