package io.coxswain.agent.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One open segment file: its number in the spool, its channel, and how many bytes and frames it holds. */
final class Segment {
    final long index;
    final Path path;
    final FileChannel channel;
    long size;
    long records;

    Segment(long index, Path path, FileChannel channel, long size, long records) {
        this.index = index;
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.records = records;
    }

    static String fileName(long index) {
        return String.format("segment-%020d.spool", index);
    }

    void close() throws IOException {
        channel.close();
    }
}
