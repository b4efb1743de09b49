package io.coxswain.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The signing example of protocol/README.md is what clients copy: its check value must be what we compute. */
class ReadmeSigningExampleTest {
    private static final Pattern JSON_LINE = Pattern.compile("^json='([^']*)'$", Pattern.MULTILINE);
    private static final Pattern CHECK_VALUE = Pattern.compile(
            "with the key `([^`]+)` and the `json` above, `sig` is\\s+`([0-9a-f]{64})`");

    @Test
    void theCheckValueIsTheSignatureOfTheExampleCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher json = JSON_LINE.matcher(readme);
        Matcher check = CHECK_VALUE.matcher(readme);
        assertThat(json.find()).as("a json='...' line in the README").isTrue();
        assertThat(check.find()).as("a check value in the README").isTrue();

        SigningKey key = SigningKey.of(check.group(1).getBytes(StandardCharsets.UTF_8));
        assertThat(json.group(1)).isEqualTo(CommandSignatureTest.README_COMMAND);
        assertThat(check.group(1)).isEqualTo(CommandSignatureTest.README_KEY);
        assertThat(CommandSignature.sign(key, json.group(1).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("hmac-sha256=" + check.group(2))
                .isEqualTo("hmac-sha256=" + CommandSignatureTest.OPENSSL_HMAC);
    }
}
