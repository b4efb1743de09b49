package io.coxswain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.cli.stack.StackFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyLocationTest {
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path home;

    private void stackFileNaming(String signingKeyFile) {
        new StackFile("127.0.0.1:9092", "jdbc:postgresql://x/db", "http://x", 1, signingKeyFile).write(home);
    }

    private static Function<String, String> env(String value) {
        return Map.of(SigningKeyLocation.ENV, value)::get;
    }

    @Test
    void theFlagWinsOverTheEnvironmentAndTheStackFile() {
        stackFileNaming("stack.key");

        assertThat(SigningKeyLocation.resolve(Path.of("/flag.key"), env("/env.key"), home))
                .contains(new SigningKeyLocation(Path.of("/flag.key"), "--signing-key-file"));
    }

    @Test
    void theEnvironmentWinsOverTheStackFile() {
        stackFileNaming("stack.key");

        assertThat(SigningKeyLocation.resolve(null, env("/env.key"), home))
                .contains(new SigningKeyLocation(Path.of("/env.key"), "$COX_SIGNING_KEY_FILE"));
    }

    @Test
    void theStackFileNamesAKeyRelativeToTheHome() {
        stackFileNaming("stack.key");

        assertThat(SigningKeyLocation.resolve(null, NO_ENV, home)).contains(new SigningKeyLocation(
                home.resolve("stack.key"), "signingKeyFile in " + home.resolve("stack.json")));
    }

    @Test
    void withoutAnySettingCommandsGoUnsigned() {
        assertThat(SigningKeyLocation.resolve(null, env(" "), home)).isEmpty();
        stackFileNaming(null);
        assertThat(SigningKeyLocation.resolve(null, NO_ENV, home)).isEmpty();
    }

    @Test
    void readsTheKeyTheLocationNames() throws IOException {
        Files.writeString(home.resolve("stack.key"), "0123456789abcdef-key\n");
        stackFileNaming("stack.key");

        assertThat(SigningKeyLocation.signingKey(null, NO_ENV, home).map(k -> k.bytes()))
                .hasValueSatisfying(bytes -> assertThat(bytes)
                        .isEqualTo("0123456789abcdef-key".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aMissingOrShortKeyIsAUsageErrorNamingWhereItsPathCameFrom() throws IOException {
        Path shortKey = Files.writeString(home.resolve("short.key"), "too short\n");
        Path missing = home.resolve("missing.key");

        assertThatThrownBy(() -> SigningKeyLocation.signingKey(null, env(missing.toString()), home))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessage("the signing key file " + missing + " does not exist (from $COX_SIGNING_KEY_FILE)");
        assertThatThrownBy(() -> SigningKeyLocation.signingKey(shortKey, NO_ENV, home))
                .isInstanceOf(CliException.class)
                .hasMessage("the signing key in " + shortKey + " is 9 bytes; at least 16 are needed (make one with "
                        + "`openssl rand -hex 32 > FILE`) (from --signing-key-file)");
        assertThat(SigningKeyLocation.signingKey(null, NO_ENV, home)).isEqualTo(Optional.empty());
    }
}
