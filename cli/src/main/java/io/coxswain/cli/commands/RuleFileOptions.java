package io.coxswain.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --rules FILE}: TrAC rule set files control-streams publishes to {@code coxswain.rules} when it starts. */
public final class RuleFileOptions {
    @Option(names = "--rules", paramLabel = "FILE",
            description = "A TrAC rule set file to run (repeatable); its name is the file name without extension."
                    + " More can be published later with 'cox rules publish'.")
    List<Path> files = new ArrayList<>();

    public List<Path> files() {
        return List.copyOf(files);
    }
}
