package io.coxswain.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFileTest {
    @TempDir
    Path home;

    @Test
    void readsAStackFileWrittenBeforeSigningExisted() throws IOException {
        Files.writeString(home.resolve(StackFile.NAME),
                "{\"bootstrap\":\"b:9092\",\"jdbc\":\"jdbc:x\",\"web\":\"http://w\",\"pid\":7}");

        assertThat(StackFile.read(home)).contains(new StackFile("b:9092", "jdbc:x", "http://w", 7, null));
    }

    @Test
    void keepsTheSigningKeyFileThroughAWriteAndARead() {
        StackFile stack = new StackFile("b:9092", "jdbc:x", "http://w", 7, "signing.key");

        stack.write(home);

        assertThat(StackFile.read(home)).contains(stack);
    }

    @Test
    void keepsTheWebTokenThroughAWriteAndARead() {
        String token = WebToken.generate();
        StackFile stack = new StackFile("b:9092", "jdbc:x", "http://w", 7, null, token);

        stack.write(home);

        assertThat(StackFile.read(home)).contains(stack);
        assertThat(StackFile.read(home).orElseThrow().webToken()).isEqualTo(token);
    }

    @Test
    void generatesA32ByteHexWebTokenThatDiffersEachTime() {
        String one = WebToken.generate();
        String two = WebToken.generate();

        assertThat(one).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(one).isNotEqualTo(two);
    }
}
