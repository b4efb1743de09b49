package io.coxswain.cli;

import io.coxswain.cli.stack.StackFile;
import io.coxswain.protocol.signing.InvalidSigningKeyException;
import io.coxswain.protocol.signing.SigningKey;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the command signing key of a stack is: {@code --signing-key-file}, else {@code $COX_SIGNING_KEY_FILE}, else
 * {@code signingKeyFile} in {@code <home>/stack.json} (a relative path there is relative to the home), else nowhere:
 * commands go unsigned. Unlike the connection settings, no key is not an error.
 *
 * @param file  the key file
 * @param given where the path came from, for messages
 */
public record SigningKeyLocation(Path file, String given) {
    public static final String OPTION = "--signing-key-file";
    public static final String ENV = "COX_SIGNING_KEY_FILE";

    /** @param env reads an environment variable ({@code System::getenv} outside tests) */
    public static Optional<SigningKeyLocation> resolve(Path flag, Function<String, String> env, Path home) {
        if (flag != null) {
            return Optional.of(new SigningKeyLocation(flag, OPTION));
        }
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new SigningKeyLocation(Path.of(fromEnv), "$" + ENV));
        }
        return StackFile.read(home).map(StackFile::signingKeyFile).filter(f -> !f.isBlank())
                .map(f -> new SigningKeyLocation(home.resolve(f), "signingKeyFile in " + home.resolve(StackFile.NAME)));
    }

    /** The key, or a usage error naming the file, what is wrong with it and where its path came from. */
    public SigningKey read() {
        try {
            return SigningKey.read(file);
        } catch (InvalidSigningKeyException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage() + " (from " + given + ")", e);
        }
    }

    /** The key the given flag, the environment or the stack file name, if any. */
    public static Optional<SigningKey> signingKey(Path flag, Function<String, String> env, Path home) {
        return resolve(flag, env, home).map(SigningKeyLocation::read);
    }
}
