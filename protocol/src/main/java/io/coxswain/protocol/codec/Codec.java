package io.coxswain.protocol.codec;

/** Turns one kind of message into bytes and back. {@link #decode} never throws. */
public interface Codec<T> {
    byte[] encode(T value);

    Decoded<T> decode(byte[] bytes);
}
