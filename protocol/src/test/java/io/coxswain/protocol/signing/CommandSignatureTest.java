package io.coxswain.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CommandSignatureTest {
    /** The command and key of the signing example in protocol/README.md. */
    static final String README_COMMAND = "{\"v\":1,\"commandId\":\"c-42\",\"runId\":\"r-1\",\"source\":{\"kind\":\"user\","
            + "\"author\":\"ana\"},\"actions\":[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":0.01}],"
            + "\"reason\":\"loss plateau\"}";
    static final String README_KEY = "0123456789abcdef0123456789abcdef";
    /** {@code printf '%s' "$json" | openssl dgst -sha256 -hmac "$key"} with OpenSSL 3.0.19. */
    static final String OPENSSL_HMAC = "49e8f085d71ee404c49fd94c3c942f74f4f03129f75518cf79c09786e1c9c242";

    private static final SigningKey KEY = SigningKey.of(README_KEY.getBytes(StandardCharsets.US_ASCII));
    private static final byte[] VALUE = README_COMMAND.getBytes(StandardCharsets.UTF_8);

    @Test
    void signsLikeOpensslDgstHmac() {
        assertThat(CommandSignature.sign(KEY, VALUE)).isEqualTo("hmac-sha256=" + OPENSSL_HMAC);
    }

    @Test
    void acceptsItsOwnSignatureAndOneWithUppercaseDigits() {
        assertThat(CommandSignature.verify(KEY, VALUE, CommandSignature.sign(KEY, VALUE)))
                .isEqualTo(new SignatureCheck.Valid());
        assertThat(CommandSignature.verify(KEY, VALUE, "hmac-sha256=" + OPENSSL_HMAC.toUpperCase()))
                .isEqualTo(new SignatureCheck.Valid());
    }

    @Test
    void findsAMismatchWhenOneByteOfTheValueChanged() {
        byte[] changed = README_COMMAND.replace("0.01", "0.02").getBytes(StandardCharsets.UTF_8);

        assertThat(CommandSignature.verify(KEY, changed, CommandSignature.sign(KEY, VALUE)))
                .isEqualTo(new SignatureCheck.Mismatch());
    }

    @Test
    void findsAMismatchWhenSignedWithAnotherKey() {
        SigningKey other = SigningKey.of("another key of 16+ bytes".getBytes(StandardCharsets.US_ASCII));

        assertThat(CommandSignature.verify(KEY, VALUE, CommandSignature.sign(other, VALUE)))
                .isEqualTo(new SignatureCheck.Mismatch());
    }

    @Test
    void reportsAMissingHeader() {
        assertThat(CommandSignature.verify(KEY, VALUE, (String) null)).isEqualTo(new SignatureCheck.Missing());
        assertThat(CommandSignature.verify(KEY, VALUE, new RecordHeaders())).isEqualTo(new SignatureCheck.Missing());
    }

    @Test
    void namesWhatIsWrongWithAMalformedHeader() {
        assertThat(CommandSignature.verify(KEY, VALUE, OPENSSL_HMAC)).isEqualTo(new SignatureCheck.Malformed(
                "expected hmac-sha256=<64 hex digits>, got '" + OPENSSL_HMAC + "'"));
        assertThat(CommandSignature.verify(KEY, VALUE, "hmac-sha512=" + OPENSSL_HMAC)).isEqualTo(
                new SignatureCheck.Malformed("expected hmac-sha256=<64 hex digits>, got 'hmac-sha512=" + OPENSSL_HMAC
                        + "'"));
        assertThat(CommandSignature.verify(KEY, VALUE, "hmac-sha256=abc")).isEqualTo(new SignatureCheck.Malformed(
                "expected 64 hex digits after hmac-sha256=, got 3 characters"));
        String notHex = "z".repeat(64);
        assertThat(CommandSignature.verify(KEY, VALUE, "hmac-sha256=" + notHex)).isEqualTo(
                new SignatureCheck.Malformed("'" + notHex + "' is not hexadecimal"));
    }

    @Test
    void refusesTwoSignatureHeadersAndAnEmptyOne() {
        RecordHeaders two = new RecordHeaders();
        two.add(CommandSignature.header(KEY, VALUE));
        two.add(CommandSignature.header(KEY, VALUE));
        RecordHeaders nullValue = new RecordHeaders();
        nullValue.add(new RecordHeader(CommandSignature.HEADER, null));

        assertThat(CommandSignature.verify(KEY, VALUE, two)).isEqualTo(
                new SignatureCheck.Malformed("2 coxswain-signature headers; a command carries one"));
        assertThat(CommandSignature.verify(KEY, VALUE, nullValue)).isEqualTo(
                new SignatureCheck.Malformed("the header has no value"));
    }

    @Test
    void readsTheSignatureFromRecordHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("other", new byte[] {1});
        headers.add(CommandSignature.header(KEY, VALUE));

        assertThat(CommandSignature.verify(KEY, VALUE, headers)).isEqualTo(new SignatureCheck.Valid());
    }

    @Test
    void eachProblemReadsAsTheReasonOfARejection() {
        assertThat(new SignatureCheck.Valid().problem()).isEmpty();
        assertThat(new SignatureCheck.Missing().problem()).contains("command is not signed: this run accepts only "
                + "commands signed with HMAC-SHA256 in header coxswain-signature");
        assertThat(new SignatureCheck.Mismatch().problem()).get().asString()
                .startsWith("signature does not match the command");
        assertThat(new SignatureCheck.Malformed("x").problem()).contains("malformed signature header: x");
    }
}
