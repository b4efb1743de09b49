package io.coxswain.agent.control;

import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryCommandFeedTest {
    private static final SigningKey KEY = SigningKey.of("0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII));
    private static final ControlCommand C1 = command("c-1", set("learning_rate", 0.01));
    private static final ControlCommand C2 = command("c-2", trigger("checkpoint"));
    private static final ControlCommand C3 = command("c-3", trigger("stop"));

    @Test
    void aFeedStartedAtTheEndDeliversOnlyWhatIsSentAfterwards() {
        InMemoryCommandFeed feed = new InMemoryCommandFeed("r-1");
        feed.send(C1);

        assertThat(feed.start()).isEqualTo(1);
        feed.send(C2);

        assertThat(feed.drain()).containsExactly(new IncomingCommand.Received(C2, 1));
        assertThat(feed.drain()).isEmpty();
    }

    @Test
    void aResumedFeedDeliversEveryRecordAfterTheGivenOffsetInOrder() {
        InMemoryCommandFeed feed = new InMemoryCommandFeed("r-1");
        feed.send(C1);
        feed.sendRaw("r-2", "another run's record");
        feed.send(C2);
        feed.send(C3);

        assertThat(feed.start(FeedStart.afterOffset(1))).isEqualTo(2);

        assertThat(feed.drain()).containsExactly(new IncomingCommand.Received(C2, 2),
                new IncomingCommand.Received(C3, 3));
    }

    @Test
    void aFeedResumedFromMinusOneDeliversEverything() {
        InMemoryCommandFeed feed = new InMemoryCommandFeed("r-1");
        feed.send(C1);
        feed.send(C2);

        feed.start(FeedStart.afterOffset(-1));

        assertThat(feed.drain()).containsExactly(new IncomingCommand.Received(C1, 0),
                new IncomingCommand.Received(C2, 1));
    }

    @Test
    void aSignedFeedDeliversSignedCommandsAndRefusesUnsignedOnes() {
        InMemoryCommandFeed feed = new InMemoryCommandFeed("r-1", CommandFeedOptions.signedWith(KEY));
        feed.start();

        feed.sendSigned(C1, KEY);
        feed.send(C2);

        assertThat(feed.drain()).containsExactly(new IncomingCommand.Received(C1, 0),
                new IncomingCommand.Unreadable("command is not signed: this run accepts only commands signed with "
                        + "HMAC-SHA256 in header coxswain-signature", "c-2", 1));
    }

    @Test
    void deliversNothingAfterClose() {
        InMemoryCommandFeed feed = new InMemoryCommandFeed("r-1");
        feed.start();
        feed.send(C1);

        feed.close();

        assertThat(feed.drain()).isEmpty();
    }
}
