package io.coxswain.cli.stack;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.coxswain.protocol.CoxswainException;
import io.coxswain.protocol.codec.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <home>/stack.json}: where a running {@code cox up} stack can be reached. Written by {@code cox up}, read by
 * every other command.
 *
 * @param bootstrap Kafka bootstrap servers
 * @param jdbc      JDBC URL of the ledger database, with credentials
 * @param web       URL of the web UI
 * @param pid       the process that runs the stack
 * @param signingKeyFile the key file commands are signed with, relative to the home or absolute; null: unsigned
 * @param webToken  the token the web UI requires on every write ({@code X-Coxswain-Token}); null: writes refused
 */
public record StackFile(String bootstrap, String jdbc, String web, long pid, String signingKeyFile, String webToken) {
    public static final String NAME = "stack.json";

    @JsonCreator
    public StackFile {
    }

    public StackFile(String bootstrap, String jdbc, String web, long pid) {
        this(bootstrap, jdbc, web, pid, null, null);
    }

    public StackFile(String bootstrap, String jdbc, String web, long pid, String signingKeyFile) {
        this(bootstrap, jdbc, web, pid, signingKeyFile, null);
    }

    public static Optional<StackFile> read(Path home) {
        Path file = home.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), StackFile.class));
        } catch (IOException e) {
            throw new CoxswainException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path home) {
        try {
            Files.createDirectories(home);
            Path tmp = home.resolve(NAME + ".tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, home.resolve(NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CoxswainException("cannot write " + home.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path home) {
        try {
            Files.deleteIfExists(home.resolve(NAME));
        } catch (IOException e) {
            throw new CoxswainException("cannot remove " + home.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }
}
