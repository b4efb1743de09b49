package io.coxswain.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
    @TempDir
    Path dir;

    @Test
    void dropsTrailingLineBreaksAsTheShellDoes() throws IOException {
        Path file = Files.writeString(dir.resolve("key"), "0123456789abcdef0123\r\n\n");

        assertThat(SigningKey.read(file).bytes())
                .isEqualTo("0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void keepsEveryOtherByte() throws IOException {
        byte[] raw = {0, '\n', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ' '};
        Path file = Files.write(dir.resolve("key"), raw);

        assertThat(SigningKey.read(file).bytes()).isEqualTo(raw);
    }

    @Test
    void refusesAKeyShorterThanSixteenBytesNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("short"), "fifteen-bytes!!\n");

        assertThatThrownBy(() -> SigningKey.read(file)).isInstanceOf(InvalidSigningKeyException.class)
                .hasMessage("the signing key in " + file + " is 15 bytes; at least 16 are needed "
                        + "(make one with `openssl rand -hex 32 > FILE`)");
    }

    @Test
    void namesAMissingFileAndADirectory() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> SigningKey.read(missing)).isInstanceOf(InvalidSigningKeyException.class)
                .hasMessage("the signing key file " + missing + " does not exist");
        assertThatThrownBy(() -> SigningKey.read(dir)).isInstanceOf(InvalidSigningKeyException.class)
                .hasMessage("the signing key file " + dir + " is a directory");
    }

    @Test
    void namesAnUnreadableFile() throws IOException {
        Path unreadable = Files.writeString(dir.resolve("locked"), "0123456789abcdef");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(unreadable), "root reads any file");

        assertThatThrownBy(() -> SigningKey.read(unreadable)).isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageStartingWith("cannot read the signing key file " + unreadable + ": ");
    }

    @Test
    void neverShowsItsBytes() {
        SigningKey key = SigningKey.of("super-secret-key-bytes".getBytes(StandardCharsets.US_ASCII));

        assertThat(key.toString()).isEqualTo("SigningKey[given in code, 22 bytes]").doesNotContain("secret");
    }
}
