package io.coxswain.agent.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far delivery got: every frame of segments numbered below {@code segment}, and the frames of {@code segment}
 * before byte {@code offset}, were delivered. Stored as one line of text in the spool's {@code cursor} file, replaced
 * atomically.
 */
record Cursor(long segment, long offset) {
    static final String FILE = "cursor";
    private static final Logger LOG = LoggerFactory.getLogger(Cursor.class);

    /** The stored cursor, or empty when there is none or it cannot be read (then everything is sent again). */
    static Optional<Cursor> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = "";
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
            String[] parts = text.split(" ");
            return Optional.of(new Cursor(Long.parseLong(parts[1]), Long.parseLong(parts[3])));
        } catch (IOException | RuntimeException e) {
            LOG.warn("spool cursor {} is unreadable ({}: '{}'); every event still in the spool is sent again", file,
                    e.getMessage(), text);
            return Optional.empty();
        }
    }

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, "segment " + segment + " offset " + offset + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
