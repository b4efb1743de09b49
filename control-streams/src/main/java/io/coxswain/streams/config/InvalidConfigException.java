package io.coxswain.streams.config;

import io.coxswain.protocol.CoxswainException;

/** A control-streams setting has a value it cannot run with; the message names the setting, the value and why. */
public class InvalidConfigException extends CoxswainException {
    private final String setting;
    private final String problem;

    public InvalidConfigException(String setting, Object value, String problem) {
        super("invalid control-streams setting " + setting + " = " + describe(value) + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting at fault, e.g. {@code lossPlateau.window} or {@code COXSWAIN_BOOTSTRAP_SERVERS}. */
    public String setting() {
        return setting;
    }

    /** What is wrong with the value, e.g. {@code must be between 1 and 10000}. */
    public String problem() {
        return problem;
    }

    private static String describe(Object value) {
        return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    }
}
