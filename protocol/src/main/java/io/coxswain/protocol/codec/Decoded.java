package io.coxswain.protocol.codec;

/**
 * The outcome of decoding bytes from a topic. Decoding never throws: a caller turns a {@link Failure} into a
 * rejection event or a dead-letter record carrying {@link Failure#reason()}.
 */
public sealed interface Decoded<T> {

    record Ok<T>(T value) implements Decoded<T> {
    }

    /**
     * @param reason   what is wrong, naming the field
     * @param runId    the run id if it could be read, else null
     * @param id       the message's own id (command id or event id) if it could be read, else null
     */
    record Failure<T>(String reason, String runId, String id) implements Decoded<T> {
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> failure(String reason, String runId, String id) {
        return new Failure<>(reason, runId, id);
    }
}
