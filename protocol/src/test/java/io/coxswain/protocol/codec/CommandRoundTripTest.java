package io.coxswain.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.Examples;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommandRoundTripTest {
    private final CommandCodec codec = new CommandCodec();

    static Stream<ControlCommand> commands() {
        return Examples.allCommands().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void decodesWhatItEncodesToAnEqualCommand(ControlCommand command) {
        assertThat(codec.decode(codec.encode(command))).isEqualTo(Decoded.ok(command));
    }

    @Test
    void keepsTheActionsOfAMultiActionCommandInOrder() {
        ControlCommand command = Examples.fullCommand();

        Decoded<ControlCommand> decoded = codec.decode(codec.encode(command));

        assertThat(decoded).isEqualTo(Decoded.ok(command));
        assertThat(((Decoded.Ok<ControlCommand>) decoded).value().actions())
                .extracting(Object::getClass)
                .containsExactly(Action.SetParameter.class, Action.SetParameter.class, Action.FireTrigger.class,
                        Action.FireTrigger.class);
    }

    @Test
    void writesTheDocumentedWireFormat() {
        ControlCommand command = new ControlCommand("c-1", "r-1", Instant.parse("2025-03-14T09:26:53.5Z"),
                CommandSource.user("ana"),
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.01)),
                        new Action.FireTrigger("checkpoint")),
                "loss plateau");

        assertThat(codec.encodeToString(command)).isEqualTo("""
                {"v":1,"type":"ControlCommand","commandId":"c-1","runId":"r-1","issuedAt":"2025-03-14T09:26:53.500Z",\
                "source":{"kind":"user","author":"ana"},"actions":[{"op":"set","param":"learning_rate","value":0.01},\
                {"op":"trigger","name":"checkpoint"}],"reason":"loss plateau"}""");
    }

    @Test
    void keepsEveryDigitOfIssuedAt() {
        Instant nanos = Instant.parse("2025-03-14T09:26:53.123456789Z");
        ControlCommand command = new ControlCommand("c-1", "r-1", nanos, CommandSource.user("ana"),
                List.of(new Action.FireTrigger("log")), null);

        assertThat(codec.encodeToString(command)).contains("\"issuedAt\":\"2025-03-14T09:26:53.123456789Z\"");
        assertThat(codec.decode(codec.encode(command))).isEqualTo(Decoded.ok(command));
    }

    @Test
    void readsACommandWithoutSourceAsSentByAnUnknownUser() {
        String json = """
                {"v":1,"commandId":"c-2","runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""";

        assertThat(codec.decode(json.getBytes())).isEqualTo(Decoded.ok(new ControlCommand("c-2", "r-1", null,
                CommandSource.user("unknown"), List.of(new Action.FireTrigger("stop")), null)));
    }
}
