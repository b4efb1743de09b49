package io.coxswain.protocol.topics;

import io.coxswain.protocol.codec.Codec;
import io.coxswain.protocol.codec.Decoded;

/** Bytes kept as they are (the dead-letter topic). */
final class RawCodec implements Codec<byte[]> {
    @Override
    public byte[] encode(byte[] value) {
        return value;
    }

    @Override
    public Decoded<byte[]> decode(byte[] bytes) {
        return Decoded.ok(bytes);
    }
}
