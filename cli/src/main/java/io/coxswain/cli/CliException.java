package io.coxswain.cli;

import io.coxswain.protocol.CoxswainException;

/** A failure the CLI reports with its own exit code (see {@link ExitCodes}). */
public class CliException extends CoxswainException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
