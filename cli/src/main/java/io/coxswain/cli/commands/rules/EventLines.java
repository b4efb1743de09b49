package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.events.EventEnvelope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Protocol run events, one JSON object a line, from a file or stdin ({@code -}), decoded with the protocol's
 * {@link EventCodec}. Blank lines are skipped; a line that does not decode is reported as {@code SOURCE:LINE: reason}
 * and skipped, or, when strict, ends the read (exit 2). Input that cannot be read at all is exit 2 too.
 */
final class EventLines {
    /** The {@code --events} value that means stdin. */
    static final String STDIN = "-";

    private final String source;
    private final String label;
    private final boolean strict;
    private final Consumer<String> problems;
    private final EventCodec codec = new EventCodec();
    private int events;
    private int bad;

    /**
     * @param source   the file as given, used in messages, or {@code -} for stdin (named {@code stdin} in messages)
     * @param problems gets one {@code SOURCE:LINE: reason} message per line that does not decode
     */
    EventLines(String source, boolean strict, Consumer<String> problems) {
        this.source = source;
        this.label = STDIN.equals(source) ? "stdin" : source;
        this.strict = strict;
        this.problems = problems;
    }

    /** Reads every event, in order, into {@code sink}. */
    void readInto(Consumer<EventEnvelope> sink) {
        if (STDIN.equals(source)) {
            // stdin is not ours to close
            read(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), sink);
            return;
        }
        Path file = Path.of(source);
        if (Files.isDirectory(file)) {
            throw unreadable("is a directory", null);
        }
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            read(reader, sink);
        } catch (NoSuchFileException e) {
            throw unreadable("no such file", e);
        } catch (AccessDeniedException e) {
            throw unreadable("permission denied", e);
        } catch (IOException e) {
            throw unreadable(e.toString(), e);
        }
    }

    /** Events decoded so far. */
    int events() {
        return events;
    }

    /** Lines that did not decode (and were skipped) so far. */
    int badLines() {
        return bad;
    }

    private void read(BufferedReader reader, Consumer<EventEnvelope> sink) {
        int number = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    decode(line, number, sink);
                }
            }
        } catch (CharacterCodingException e) {
            throw unreadable("line " + (number + 1) + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw unreadable("read failed after line " + number + ": " + e, e);
        }
    }

    private void decode(String line, int number, Consumer<EventEnvelope> sink) {
        Decoded<EventEnvelope> decoded = codec.decode(line.getBytes(StandardCharsets.UTF_8));
        if (decoded instanceof Decoded.Ok<EventEnvelope> ok) {
            events++;
            sink.accept(ok.value());
            return;
        }
        String message = label + ":" + number + ": " + ((Decoded.Failure<EventEnvelope>) decoded).reason();
        if (strict) {
            throw new CliException(ExitCodes.USAGE, message + " (--strict: stopped there)");
        }
        bad++;
        problems.accept(message);
    }

    private CliException unreadable(String problem, Exception cause) {
        return new CliException(ExitCodes.USAGE, "cannot read events from " + label + ": " + problem, cause);
    }
}
