package io.coxswain.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    private static final long MAX = 1 << 20;
    private static final long SEGMENT = 40;

    @TempDir
    Path dir;

    private static byte[] record(int i) {
        return ("event-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> readAll(Spool spool) {
        List<String> out = new ArrayList<>();
        for (byte[] next = spool.next(); next != null; next = spool.next()) {
            out.add(new String(next, StandardCharsets.UTF_8));
        }
        return out;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    @Test
    void handsOutRecordsInOrderAcrossSegmentsAndAgainAfterARewind() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            for (int i = 1; i <= 10; i++) {
                spool.append(record(i), false);
            }
            assertThat(segments()).hasSizeGreaterThan(2);
            List<String> first = readAll(spool);
            spool.rewind();

            assertThat(first).containsExactly("event-1", "event-2", "event-3", "event-4", "event-5", "event-6",
                    "event-7", "event-8", "event-9", "event-10");
            assertThat(readAll(spool)).isEqualTo(first);
        }
    }

    @Test
    void deletesSegmentsOnceEveryRecordInThemIsAcknowledged() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            for (int i = 1; i <= 10; i++) {
                spool.append(record(i), false);
            }
            int before = segments().size();
            readAll(spool);
            spool.acknowledge(6);

            assertThat(segments()).hasSizeLessThan(before);
            assertThat(spool.records()).isEqualTo(4);
            spool.rewind();
            assertThat(readAll(spool)).containsExactly("event-7", "event-8", "event-9", "event-10");

            spool.acknowledge(4);
            assertThat(segments()).isEmpty();
            assertThat(spool.bytes()).isZero();
        }
    }

    @Test
    void reopenedSpoolHandsOutOnlyWhatWasNotAcknowledged() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            for (int i = 1; i <= 10; i++) {
                spool.append(record(i), false);
            }
            readAll(spool);
            spool.acknowledge(3);
        }
        try (Spool reopened = Spool.open(dir, MAX, SEGMENT)) {
            assertThat(reopened.records()).isEqualTo(7);
            assertThat(readAll(reopened)).containsExactly("event-4", "event-5", "event-6", "event-7", "event-8",
                    "event-9", "event-10");
            reopened.append(record(11), false);
            assertThat(readAll(reopened)).containsExactly("event-11");
        }
    }

    @Test
    void refusesToGrowPastItsBound() {
        try (Spool spool = Spool.open(dir, 64, 64)) {
            byte[] payload = new byte[20];
            assertThat(spool.fits(payload.length)).isTrue();
            spool.append(payload, false);
            assertThat(spool.fits(payload.length)).isTrue();
            spool.append(payload, false);

            assertThat(spool.bytes()).isEqualTo(8 + 2 * 28);
            assertThat(spool.fits(payload.length)).isFalse();
            assertThat(spool.fits(0)).isFalse();
        }
    }

    @Test
    void cutsATruncatedLastRecordWithAWarningAndKeepsTheRecordsBeforeIt() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, MAX)) {
            for (int i = 1; i <= 3; i++) {
                spool.append(record(i), false);
            }
        }
        Path segment = segments().get(0);
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }

        try (LogCapture log = new LogCapture(SpoolRecovery.class); Spool reopened = Spool.open(dir, MAX, MAX)) {
            assertThat(readAll(reopened)).containsExactly("event-1", "event-2");
            assertThat(log.lines()).singleElement().asString().startsWith("WARN spool segment " + segment
                    + ": truncated frame at byte " + (size - 8 - 7)).contains("keeping the 2 whole events");
            reopened.append(record(4), false);
            reopened.rewind();
            assertThat(readAll(reopened)).containsExactly("event-1", "event-2", "event-4");
        }
    }

    @Test
    void cutsACorruptRecordAndWhatFollowsItInItsSegmentButKeepsLaterSegments() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, 30)) {
            for (int i = 1; i <= 4; i++) {
                spool.append(record(i), false);
            }
        }
        assertThat(segments()).hasSize(4);
        Path second = segments().get(1);
        try (FileChannel channel = FileChannel.open(second, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'X'}), 8 + 8 + 2);
        }

        try (LogCapture log = new LogCapture(SpoolRecovery.class); Spool reopened = Spool.open(dir, MAX, 30)) {
            assertThat(readAll(reopened)).containsExactly("event-1", "event-3", "event-4");
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("WARN spool segment " + second + ": checksum mismatch in the frame at byte 8");
        }
    }

    @Test
    void skipsAFileThatIsNotASegmentWithAWarning() throws IOException {
        Files.createDirectories(dir);
        Path garbage = dir.resolve("segment-00000000000000000000.spool");
        Files.writeString(garbage, "not a spool at all");

        try (LogCapture log = new LogCapture(SpoolRecovery.class); Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            assertThat(spool.records()).isZero();
            assertThat(log.lines()).singleElement().asString().startsWith("WARN spool segment " + garbage
                    + ": not a spool segment");
            spool.append(record(1), false);
            assertThat(readAll(spool)).containsExactly("event-1");
        }
    }

    @Test
    void sendsEverythingAgainWhenTheCursorFileIsDamaged() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, MAX)) {
            spool.append(record(1), false);
            spool.append(record(2), false);
            readAll(spool);
            spool.acknowledge(1);
        }
        Files.writeString(dir.resolve("cursor"), "garbage");

        try (Spool reopened = Spool.open(dir, MAX, MAX)) {
            assertThat(readAll(reopened)).containsExactly("event-1", "event-2");
        }
    }

    @Test
    void refusesASecondSpoolOnTheSameDirectory() {
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            assertThatThrownBy(() -> Spool.open(dir, MAX, SEGMENT)).isInstanceOf(SpoolException.class)
                    .hasMessageContaining("in use by another spool in this process");
        }
    }
}
