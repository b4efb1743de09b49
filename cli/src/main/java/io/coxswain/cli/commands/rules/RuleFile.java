package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A TrAC rule set file on disk and the name it loads under: {@code --name}, else the file name without its extension.
 * Every failure is a {@link CliException} (exit 1) whose message starts with the path, as {@code FILE: problem}.
 */
record RuleFile(Path path, String name) {

    /** The file {@code path} under {@code name}, or under the file's own name when {@code name} is null. */
    static RuleFile of(Path path, String name) {
        if (name == null) {
            return new RuleFile(path, defaultName(path));
        }
        if (name.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--name must not be blank");
        }
        return new RuleFile(path, name);
    }

    /** {@code plateau.yaml} is {@code plateau}; a name without extension (or a dot file) is kept whole. */
    static String defaultName(Path path) {
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The file's text (UTF-8). */
    String read() {
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw failure("no such file");
        } catch (AccessDeniedException e) {
            throw failure("cannot read it: permission denied");
        } catch (CharacterCodingException e) {
            throw failure("not UTF-8 text");
        } catch (IOException e) {
            throw failure(Files.isDirectory(path) ? "is a directory, not a rule set file"
                    : "cannot read it: " + e.getMessage());
        }
    }

    /** The file loaded and checked as a rule set. */
    RuleSet load() {
        return load(read());
    }

    /** {@code text} (this file's) loaded and checked as a rule set. */
    RuleSet load(String text) {
        try {
            return RuleSet.load(name, text);
        } catch (RuleSetLoadException e) {
            throw new CliException(ExitCodes.FAILED, path + ": " + e.getMessage(), e);
        }
    }

    private CliException failure(String problem) {
        return new CliException(ExitCodes.FAILED, path + ": " + problem);
    }
}
