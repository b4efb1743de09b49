package io.coxswain.cli.stack;

import java.nio.file.Path;

/** The directory that holds a stack's data: {@code --home}, else {@code COX_HOME}, else {@code ~/.coxswain}. */
public final class Home {
    private Home() {
    }

    public static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String env = System.getenv("COX_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".coxswain");
    }
}
