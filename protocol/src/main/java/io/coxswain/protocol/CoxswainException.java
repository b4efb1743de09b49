package io.coxswain.protocol;

/** Root of every failure Coxswain raises on purpose; subclasses name the failure and carry its context. */
public class CoxswainException extends RuntimeException {
    public CoxswainException(String message) {
        super(message);
    }

    public CoxswainException(String message, Throwable cause) {
        super(message, cause);
    }
}
