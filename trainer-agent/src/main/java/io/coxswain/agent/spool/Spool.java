package io.coxswain.agent.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only queue of byte records on disk, in segment files of about {@code segmentBytes} under one directory,
 * using at most {@code maxBytes}. Records are read in order by one reader, which {@link #rewind} moves back to the
 * oldest undelivered record; {@link #acknowledge} marks the oldest as delivered and deletes segments once all their
 * records are. The delivered position is kept in a cursor file ({@link #saveCursor}), so a spool reopened after a
 * restart (or a crash) hands out its undelivered records first. Writes are not fsynced: records survive the process,
 * not the machine. Not thread-safe; one process at a time (a lock file guards the directory).
 */
public final class Spool implements AutoCloseable {
    private static final String LOCK = "lock";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Segment> segments;
    private long nextIndex;
    private long headOffset;
    private long records;
    private long bytes;
    private Segment readSegment;
    private long readOffset;
    private boolean cursorSaved = true;

    private Spool(Path dir, long maxBytes, long segmentBytes, FileChannel lockChannel, FileLock lock,
                  SpoolRecovery.Recovered recovered) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.segments = new ArrayList<>(recovered.segments());
        this.nextIndex = recovered.nextIndex();
        this.headOffset = recovered.headOffset();
        this.records = recovered.records();
        this.bytes = segments.stream().mapToLong(s -> s.size).sum();
        rewind();
    }

    /** Opens (creating it if needed) the spool in {@code dir}, recovering what an earlier spool left there. */
    public static Spool open(Path dir, long maxBytes, long segmentBytes) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new SpoolException(dir, "in use by another process", null);
            }
            return new Spool(dir, maxBytes, segmentBytes, lockChannel, lock, SpoolRecovery.recover(dir));
        } catch (IOException | OverlappingFileLockException | SpoolException e) {
            closeQuietly(lockChannel, e);
            if (e instanceof SpoolException spoolException) {
                throw spoolException;
            }
            throw new SpoolException(dir, e instanceof OverlappingFileLockException ? "in use by another spool in "
                    + "this process" : "cannot open: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Records not yet acknowledged. */
    public long records() {
        return records;
    }

    /** Bytes the segment files take. */
    public long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Whether a record of {@code payloadLength} bytes can be appended without exceeding {@code maxBytes}. */
    public boolean fits(int payloadLength) {
        long needed = SegmentFormat.frameBytes(payloadLength) + (needsNewSegment(payloadLength)
                ? SegmentFormat.HEADER_BYTES : 0);
        return bytes + needed <= maxBytes;
    }

    /**
     * Appends one record at the end. With {@code alreadyRead}, the reader (which must be at the end) moves past it:
     * for a record that was handed out before it was written here.
     */
    public void append(byte[] payload, boolean alreadyRead) {
        if (alreadyRead && !readerAtEnd()) {
            throw new IllegalStateException("the spool reader is not at the end of " + dir);
        }
        Segment active = needsNewSegment(payload.length) ? newSegment() : last();
        try {
            SegmentFormat.write(active.channel, SegmentFormat.frame(payload), active.size);
        } catch (IOException e) {
            throw new SpoolException(active.path, "cannot append " + payload.length + " bytes: " + e.getMessage(), e);
        }
        int frame = SegmentFormat.frameBytes(payload.length);
        active.size += frame;
        active.records++;
        bytes += frame;
        records++;
        if (alreadyRead) {
            readSegment = active;
            readOffset = active.size;
        }
    }

    /** The next record for the reader, or null when it has read every record. */
    public byte[] next() {
        if (readSegment == null) {
            if (segments.isEmpty()) {
                return null;
            }
            readSegment = segments.get(0);
            readOffset = headOffset;
        }
        while (readOffset >= readSegment.size) {
            int at = segments.indexOf(readSegment);
            if (at + 1 >= segments.size()) {
                return null;
            }
            readSegment = segments.get(at + 1);
            readOffset = SegmentFormat.HEADER_BYTES;
        }
        try {
            byte[] payload = SegmentFormat.readPayload(readSegment.channel, readOffset);
            readOffset += SegmentFormat.frameBytes(payload.length);
            return payload;
        } catch (IOException e) {
            throw new SpoolException(readSegment.path, "cannot read the record at byte " + readOffset + ": "
                    + e.getMessage(), e);
        }
    }

    /** Moves the reader back to the oldest record not acknowledged. */
    public void rewind() {
        readSegment = segments.isEmpty() ? null : segments.get(0);
        readOffset = headOffset;
    }

    /** The {@code n} oldest records were delivered; deletes the segments that held only delivered records. */
    public void acknowledge(long n) {
        if (n > records) {
            throw new IllegalArgumentException("cannot acknowledge " + n + " records, " + records + " are pending");
        }
        for (long i = 0; i < n; i++) {
            Segment head = segments.get(0);
            while (headOffset >= head.size) {
                deleteHead(head);
                head = segments.get(0);
            }
            try {
                headOffset += SegmentFormat.frameBytesAt(head.channel, headOffset);
            } catch (IOException e) {
                throw new SpoolException(head.path, "cannot read the record at byte " + headOffset, e);
            }
            records--;
            if (headOffset >= head.size) {
                deleteHead(head);
            }
        }
        cursorSaved = n == 0 && cursorSaved;
    }

    /** Stores how far delivery got, if it moved since the last save. */
    public void saveCursor() {
        if (cursorSaved) {
            return;
        }
        try {
            if (segments.isEmpty()) {
                Cursor.delete(dir);
            } else {
                new Cursor(segments.get(0).index, headOffset).write(dir);
            }
            cursorSaved = true;
        } catch (IOException e) {
            throw new SpoolException(dir.resolve(Cursor.FILE), "cannot save the delivery cursor: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        SpoolException failure = null;
        try {
            saveCursor();
        } catch (SpoolException e) {
            failure = e;
        }
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                failure = addFailure(failure, new SpoolException(segment.path, "cannot close", e));
            }
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            failure = addFailure(failure, new SpoolException(dir.resolve(LOCK), "cannot release", e));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private boolean readerAtEnd() {
        return readSegment == null ? segments.isEmpty() || records == 0
                : readSegment == last() && readOffset == readSegment.size;
    }

    private boolean needsNewSegment(int payloadLength) {
        Segment last = last();
        return last == null || last.records > 0 && last.size + SegmentFormat.frameBytes(payloadLength) > segmentBytes;
    }

    private Segment last() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    private Segment newSegment() {
        Path path = dir.resolve(Segment.fileName(nextIndex));
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            SegmentFormat.write(channel, SegmentFormat.header(), 0);
            Segment segment = new Segment(nextIndex++, path, channel, SegmentFormat.HEADER_BYTES, 0);
            segments.add(segment);
            bytes += SegmentFormat.HEADER_BYTES;
            if (segments.size() == 1) {
                headOffset = SegmentFormat.HEADER_BYTES;
            }
            return segment;
        } catch (IOException e) {
            throw new SpoolException(path, "cannot create a segment: " + e.getMessage(), e);
        }
    }

    private void deleteHead(Segment head) {
        segments.remove(0);
        bytes -= head.size;
        headOffset = SegmentFormat.HEADER_BYTES;
        if (readSegment == head) {
            readSegment = segments.isEmpty() ? null : segments.get(0);
            readOffset = SegmentFormat.HEADER_BYTES;
        }
        try {
            head.close();
            Files.delete(head.path);
        } catch (IOException e) {
            throw new SpoolException(head.path, "cannot delete a delivered segment: " + e.getMessage(), e);
        }
    }

    private static SpoolException addFailure(SpoolException first, SpoolException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
