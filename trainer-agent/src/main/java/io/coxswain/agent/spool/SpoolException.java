package io.coxswain.agent.spool;

import io.coxswain.protocol.CoxswainException;
import java.nio.file.Path;

/** A spool file could not be read or written; names the file. */
public class SpoolException extends CoxswainException {
    private final Path file;

    public SpoolException(Path file, String message, Throwable cause) {
        super("spool " + file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
