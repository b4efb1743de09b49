package io.coxswain.agent.control;

import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CommandAdmissionTest {
    private static final SigningKey KEY = SigningKey.of("0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII));
    private static final SigningKey OTHER_KEY = SigningKey.of("another-key-0123456".getBytes(StandardCharsets.US_ASCII));
    private static final CommandFeedOptions SIGNED = CommandFeedOptions.signedWith(KEY);
    private static final ControlCommand STOP = command("c-1", trigger("stop"));
    private static final byte[] VALUE = Topics.CONTROL.codec().encode(STOP);

    private static RecordHeaders signature(String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(CommandSignature.HEADER, value.getBytes(StandardCharsets.US_ASCII)));
        return headers;
    }

    private static Optional<IncomingCommand> admit(CommandFeedOptions options, String key, byte[] value,
                                                   RecordHeaders headers) {
        return CommandAdmission.admit("r-1", options, key, value, headers, 7);
    }

    @Test
    void deliversACommandSignedWithTheRunsKey() {
        assertThat(admit(SIGNED, "r-1", VALUE, signature(CommandSignature.sign(KEY, VALUE))))
                .contains(new IncomingCommand.Received(STOP, 7));
    }

    @Test
    void turnsAnUnsignedCommandIntoAnUnreadableOneKeepingItsId() {
        assertThat(admit(SIGNED, "r-1", VALUE, new RecordHeaders())).contains(new IncomingCommand.Unreadable(
                "command is not signed: this run accepts only commands signed with HMAC-SHA256 in header "
                        + "coxswain-signature", "c-1", 7));
    }

    @Test
    void turnsACommandSignedWithAnotherKeyIntoAnUnreadableOne() {
        assertThat(admit(SIGNED, "r-1", VALUE, signature(CommandSignature.sign(OTHER_KEY, VALUE))))
                .contains(new IncomingCommand.Unreadable("signature does not match the command: it was made with "
                        + "another key, or the value changed after signing", "c-1", 7));
    }

    @Test
    void turnsAMalformedSignatureIntoAnUnreadableOneNamingTheProblem() {
        assertThat(admit(SIGNED, "r-1", VALUE, signature("sha256:abc"))).contains(new IncomingCommand.Unreadable(
                "malformed signature header: expected hmac-sha256=<64 hex digits>, got 'sha256:abc'", "c-1", 7));
    }

    @Test
    void namesTheSignatureProblemOfAnUndecodableRecordWithoutAnId() {
        byte[] garbage = "{\"v\":1,".getBytes(StandardCharsets.UTF_8);

        assertThat(admit(SIGNED, "r-1", garbage, new RecordHeaders())).get()
                .isInstanceOfSatisfying(IncomingCommand.Unreadable.class, unreadable -> {
                    assertThat(unreadable.reason()).startsWith("command is not signed");
                    assertThat(unreadable.commandId()).isNull();
                });
    }

    @Test
    void leavesOtherRunsRecordsUncheckedAndSkipped() {
        byte[] theirs = Topics.CONTROL.codec().encode(new ControlCommand("n-1", "r-2", STOP.issuedAt(),
                STOP.source(), STOP.actions(), null));

        assertThat(admit(SIGNED, "r-2", theirs, new RecordHeaders())).isEmpty();
    }

    @Test
    void ignoresSignaturesWithoutAKey() {
        assertThat(admit(CommandFeedOptions.UNSIGNED, "r-1", VALUE, new RecordHeaders()))
                .contains(new IncomingCommand.Received(STOP, 7));
        assertThat(admit(CommandFeedOptions.UNSIGNED, "r-1", VALUE, signature("garbage")))
                .contains(new IncomingCommand.Received(STOP, 7));
    }
}
