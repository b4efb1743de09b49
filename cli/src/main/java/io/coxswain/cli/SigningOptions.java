package io.coxswain.cli;

import io.coxswain.protocol.signing.SigningKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --signing-key-file} for the commands that publish control commands; see {@link SigningKeyLocation}. */
public class SigningOptions {
    @Option(names = SigningKeyLocation.OPTION, paramLabel = "FILE",
            description = "Sign commands with the HMAC key in FILE (default: $" + SigningKeyLocation.ENV
                    + " or signingKeyFile in stack.json; none: unsigned).")
    Path signingKeyFile;

    public Optional<SigningKey> signingKey(Path home) {
        return SigningKeyLocation.signingKey(signingKeyFile, System::getenv, home);
    }
}
