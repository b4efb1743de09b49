package io.coxswain.agent.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reopens the segments an earlier spool left: checks every frame, cuts a damaged or truncated tail off with a
 * warning (never an exception: losing a torn last record must not stop a run), deletes segments already delivered,
 * and finds the first undelivered frame from the cursor.
 */
final class SpoolRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);
    private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.spool");

    /** The segments with undelivered frames, oldest first, and where the first undelivered frame starts. */
    record Recovered(List<Segment> segments, long headOffset, long records, long nextIndex) {
    }

    private SpoolRecovery() {
    }

    static Recovered recover(Path dir) throws IOException {
        Optional<Cursor> cursor = Cursor.read(dir);
        List<Segment> segments = new ArrayList<>();
        long headOffset = SegmentFormat.HEADER_BYTES;
        long records = 0;
        long nextIndex = 0;
        for (Path path : segmentFiles(dir)) {
            long index = indexOf(path);
            nextIndex = Math.max(nextIndex, index + 1);
            if (cursor.isPresent() && index < cursor.get().segment()) {
                Files.delete(path);
                continue;
            }
            long ackedOffset = cursor.isPresent() && index == cursor.get().segment() ? cursor.get().offset()
                    : SegmentFormat.HEADER_BYTES;
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            SegmentFormat.Scan scan = SegmentFormat.scan(channel, ackedOffset);
            if (scan.problem() != null) {
                LOG.warn("spool segment {}: {}; keeping the {} whole events before byte {} and discarding the {} "
                        + "bytes after it", path, scan.problem(), scan.records(), scan.validBytes(),
                        channel.size() - scan.validBytes());
                channel.truncate(scan.validBytes());
            }
            long undelivered = scan.records() - scan.ackedRecords();
            if (undelivered <= 0) {
                channel.close();
                Files.delete(path);
                continue;
            }
            if (segments.isEmpty()) {
                headOffset = scan.ackedBytes();
                if (ackedOffset != SegmentFormat.HEADER_BYTES && ackedOffset != scan.ackedBytes()) {
                    LOG.warn("spool cursor points inside a frame of {} (byte {}); sending again from byte {}", path,
                            ackedOffset, scan.ackedBytes());
                }
            }
            segments.add(new Segment(index, path, channel, scan.validBytes(), scan.records()));
            records += undelivered;
        }
        return new Recovered(segments, headOffset, records, nextIndex);
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static long indexOf(Path path) {
        Matcher matcher = NAME.matcher(path.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a segment file: " + path);
        }
        return Long.parseLong(matcher.group(1));
    }
}
